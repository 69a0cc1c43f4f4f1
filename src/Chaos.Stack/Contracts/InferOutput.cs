namespace Chaos.Stack.Contracts;

/// <summary>One output tensor of an OIP v2 inference response, data flattened row-major.</summary>
public sealed record InferOutput(string Name, IReadOnlyList<long> Shape, string Datatype, IReadOnlyList<float> Data);
