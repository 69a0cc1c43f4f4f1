namespace Chaos.Stack.Contracts;

/// <summary>The answer of <c>GET /models/{name}/versions</c>: every version, oldest first, with its digest.</summary>
public sealed record ModelVersionsResponse(string Name, IReadOnlyList<RegisteredModelVersion> Versions);
