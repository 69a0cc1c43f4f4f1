using Chaos.Stack.Hosting;

namespace Chaos.Stack.Registry;

/// <summary>Options of the <c>registry</c> role.</summary>
public sealed record RegistryOptions(string StoreDirectory, ListenAddress Listen, string? SeedFrom, string? AdminToken)
{
    /// <summary>Largest request body (a registration with its artifact) accepted; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The primary registry this one replicates (a read replica in the standby region); null: a primary.</summary>
    public Uri? ReplicateFrom { get; init; }

    /// <summary>How often a replica copies what the primary has.</summary>
    public TimeSpan ReplicateInterval { get; init; } = TimeSpan.FromSeconds(1);
}
