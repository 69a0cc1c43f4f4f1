namespace Chaos.Stack.Contracts;

/// <summary>The answer of a successful <c>POST /admin/reload</c>: the version now served and the one it replaced.</summary>
public sealed record ModelReloadResponse(string Model, string Version, string Sha256, string? PreviousVersion);
