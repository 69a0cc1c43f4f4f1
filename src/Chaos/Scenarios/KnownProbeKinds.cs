namespace Chaos.Scenarios;

/// <summary>The steady-state probe kinds a scenario may name: the one place that lists them.</summary>
public static class KnownProbeKinds
{
    public const string Http = "http";

    public static readonly IReadOnlySet<string> All = new SortedSet<string>(StringComparer.Ordinal) { Http };
}
