namespace Chaos.Stack.Contracts;

/// <summary>OIP v2 tensor metadata: name, datatype and shape (-1 for a variable dimension).</summary>
public sealed record TensorMetadata(string Name, string Datatype, IReadOnlyList<long> Shape);
