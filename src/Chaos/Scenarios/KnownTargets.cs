namespace Chaos.Scenarios;

/// <summary>The roles and pick modes a fault target may name: the one place that lists them.</summary>
public static class KnownTargets
{
    public static readonly IReadOnlySet<string> Roles = new SortedSet<string>(StringComparer.Ordinal) { "inference", "gateway", "fallback", "controller", "pipeline", "registry" };

    public static readonly IReadOnlySet<string> Picks = new SortedSet<string>(StringComparer.Ordinal) { "one", "all" };

    /// <summary>The primary region: always present.</summary>
    public const string PrimaryRegion = "a";

    /// <summary>The paired region with the warm standby.</summary>
    public const string StandbyRegion = "b";

    public static readonly IReadOnlySet<string> Regions = new SortedSet<string>(StringComparer.Ordinal) { PrimaryRegion, StandbyRegion };
}
