namespace Chaos.Scenarios;

/// <summary>The stack variants a scenario may ask for: the one place that lists them.</summary>
public static class KnownVariants
{
    public const string Full = "full";
    public const string SingleReplicaNoRetry = "single-replica-no-retry";

    public static readonly IReadOnlySet<string> All = new SortedSet<string>(StringComparer.Ordinal) { Full, SingleReplicaNoRetry };
}
