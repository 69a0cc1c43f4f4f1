namespace Chaos.Stack.Contracts;

/// <summary>The answer of <c>GET /models</c>: every model name the registry holds.</summary>
public sealed record ModelNamesResponse(IReadOnlyList<string> Models);
