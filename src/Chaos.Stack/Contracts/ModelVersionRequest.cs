namespace Chaos.Stack.Contracts;

/// <summary>A body that names a model version: <c>{"version": "2"}</c> (promotion, reload).</summary>
public sealed record ModelVersionRequest(string? Version);
