namespace Chaos.Scenarios;

/// <summary>The fault kinds a scenario may name: the one place that lists them.</summary>
public static class KnownFaultKinds
{
    public const string ContainerKill = "container.kill";

    public static readonly IReadOnlySet<string> All = new SortedSet<string>(StringComparer.Ordinal) { ContainerKill };
}
