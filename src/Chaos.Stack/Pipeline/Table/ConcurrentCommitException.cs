namespace Chaos.Stack.Pipeline.Table;

/// <summary>Another writer committed the version this writer meant to write (optimistic concurrency lost).</summary>
public sealed class ConcurrentCommitException(long version)
    : Exception($"version {version} of the table was committed by another writer first; re-read the table and retry")
{
    /// <summary>The version both writers raced for.</summary>
    public long Version { get; } = version;
}
