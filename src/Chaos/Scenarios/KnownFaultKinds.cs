using Chaos.Faults;

namespace Chaos.Scenarios;

/// <summary>The fault kinds a scenario may name, as the <see cref="FaultCatalog"/> registers them.</summary>
public static class KnownFaultKinds
{
    public const string ContainerKill = Faults.ContainerKill.ContainerKillFault.Name;

    public static readonly IReadOnlySet<string> All = new SortedSet<string>(FaultCatalog.Kinds, StringComparer.Ordinal);
}
