using Chaos.Faults;

namespace Chaos.Scenarios;

/// <summary>The fault kinds a scenario may name, as the <see cref="FaultCatalog"/> registers them, and the options each takes.</summary>
public static class KnownFaultKinds
{
    public const string ContainerKill = Faults.ContainerKill.ContainerKillFault.Name;
    public const string PollyChaos = Faults.PollyChaos.PollyChaosFault.Name;

    /// <summary>What <c>polly.chaos</c> injects: the gateway's Polly chaos strategies.</summary>
    public static readonly IReadOnlySet<string> PollyChaosModes = new SortedSet<string>(StringComparer.Ordinal) { "fault", "latency", "outcome" };

    /// <summary>What <c>data.drift</c> changes: the inputs P(x), the ground truth P(y|x), or the class balance P(y).</summary>
    public static readonly IReadOnlySet<string> DriftModes = new SortedSet<string>(StringComparer.Ordinal) { "covariate", "concept", "label" };

    /// <summary>The modes <paramref name="kind"/> takes (empty for a kind without modes).</summary>
    public static IReadOnlySet<string> ModesOf(string kind) => kind switch
    {
        PollyChaos => PollyChaosModes,
        Faults.DataDrift.DataDriftFault.Name => DriftModes,
        _ => new SortedSet<string>(StringComparer.Ordinal),
    };

    public static readonly IReadOnlySet<string> All = new SortedSet<string>(FaultCatalog.Kinds, StringComparer.Ordinal);

    /// <summary>The options beyond at/kind/target/duration that a kind takes, and which of them it needs.</summary>
    public static readonly IReadOnlyDictionary<string, (string[] Required, string[] Optional)> Options =
        new Dictionary<string, (string[] Required, string[] Optional)>(StringComparer.Ordinal)
        {
            [PollyChaos] = (["mode", "rate"], ["delay"]),
            [Faults.NetworkLatency.NetworkLatencyFault.Name] = (["delay"], ["jitter"]),
            [Faults.DependencySlow.DependencySlowFault.Name] = (["delay"], ["jitter"]),
            [Faults.NetworkBandwidth.NetworkBandwidthFault.Name] = (["bandwidth"], []),
            [Faults.NetworkLoss.NetworkLossFault.Name] = (["rate"], []),
            [Faults.RequestCorrupt.RequestCorruptFault.Name] = (["rate"], []),
            [Faults.ResourceCpu.ResourceCpuFault.Name] = ([], ["cores"]),
            [Faults.ResourceMemory.ResourceMemoryFault.Name] = (["memory"], []),
            [Faults.NetworkSlowClose.NetworkSlowCloseFault.Name] = (["delay"], []),
            [Faults.DataDrift.DataDriftFault.Name] = (["shift"], ["mode", "ramp"]),
            [Faults.StorageCrash.StorageCrashFault.Name] = ([], ["kills"]),
            [Faults.DataFeed.DataCorruptBatchFault.Name] = (["rate"], []),
        };

    /// <summary>Every option key a kind may carry, in the order of the scenario keys.</summary>
    public static readonly string[] OptionKeys = ["rate", "mode", "delay", "jitter", "bandwidth", "cores", "memory", "shift", "ramp", "kills"];

    /// <summary>The options <paramref name="kind"/> takes (empty for none).</summary>
    public static IEnumerable<string> OptionsOf(string kind) =>
        Options.TryGetValue(kind, out var options) ? options.Required.Concat(options.Optional) : [];

    /// <summary>The options <paramref name="kind"/> needs.</summary>
    public static IEnumerable<string> RequiredOf(string kind) => Options.TryGetValue(kind, out var options) ? options.Required : [];
}
