namespace Chaos.Stack.Pipeline.Table;

/// <summary>A store's newest version and how many rows it holds.</summary>
public sealed record StoreState(long Version, long Rows);
