namespace Chaos.Stack.Contracts;

/// <summary>What an alias of a model (champion, previous) points at.</summary>
public sealed record ModelAliasResponse(string Name, string Alias, string Version);
