using Chaos.Faults;

namespace Chaos.Scenarios;

/// <summary>The fault kinds a scenario may name, as the <see cref="FaultCatalog"/> registers them.</summary>
public static class KnownFaultKinds
{
    public const string ContainerKill = Faults.ContainerKill.ContainerKillFault.Name;
    public const string PollyChaos = Faults.PollyChaos.PollyChaosFault.Name;

    /// <summary>What <c>polly.chaos</c> injects: the gateway's Polly chaos strategies.</summary>
    public static readonly IReadOnlySet<string> PollyChaosModes = new SortedSet<string>(StringComparer.Ordinal) { "fault", "latency", "outcome" };

    public static readonly IReadOnlySet<string> All = new SortedSet<string>(FaultCatalog.Kinds, StringComparer.Ordinal);
}
