namespace Chaos.Stack.Contracts;

/// <summary>OIP v2 server metadata.</summary>
public sealed record ServerMetadataResponse(string Name, string Version, IReadOnlyList<string> Extensions);
