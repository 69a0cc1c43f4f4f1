using Chaos.Load.Profiles;

namespace Chaos.Scenarios;

/// <summary>The keys each mapping of a scenario allows, in document order: the reader and the JSON Schema both use these.</summary>
internal static class ScenarioKeys
{
    public static readonly string[] Root = ["name", "description", "tags", "catches", "seed", "stack", "load", "steadyState", "faults", "guardrails", "slos", "repeat"];
    public static readonly string[] Stack = ["variant", "replicas", "replicaCpus", "regions", "pipeline"];
    public static readonly string[] Load = ["rate", "duration", "warmup", "maxInFlight", "timeout", "rows", "transport", "profile"];
    public static readonly string[] Step = ["at", "rate"];
    public static readonly string[] HttpProbe = ["probe", "path", "expect"];
    public static readonly string[] InferProbe = ["probe", "model", "inputs", "expect"];
    public static readonly string[] ConsistencyProbe = ["probe", "model", "tolerance"];
    public static readonly string[] InferExpect = ["outputs", "tolerance"];
    public static readonly string[] Fault = ["at", "kind", "target", "duration", "rate", "mode", "delay", "jitter", "bandwidth", "cores", "memory", "shift", "ramp", "kills"];
    /// <summary>A fault injected by hand (a game day): the same keys without <c>at</c>.</summary>
    public static readonly string[] UntimedFault = [.. Fault.Where(k => k != "at")];
    public static readonly string[] Target = ["role", "region", "pick"];
    public static readonly string[] Guardrail = ["metric", "above", "below", "for"];
    public static readonly string[] Slo =
        ["availability", "fullService", "inputValidation", "latency", "timeToRecover", "errorBudgetBurn", "timeToDetect", "timeToHeal", "rto", "rpo", "predictionQuality", "dataLoss", "driftDetectionDelay", "timeToRetrain", "trainingRework", "dataValidation"];
    public static readonly string[] Latency = ["threshold", "fraction"];
    public static readonly string[] PredictionQuality = ["metric", "target"];

    /// <summary>The keys of <c>load.profile</c> for each kind.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Profile = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [ConstantArrivalProfile.Name] = ["kind"],
        [RampArrivalProfile.Name] = ["kind", "from", "to"],
        [StepArrivalProfile.Name] = ["kind", "steps"],
        [SpikeArrivalProfile.Name] = ["kind", "rate", "at", "length"],
    };

    /// <summary>The keys of a probe of each kind.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Probe = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [KnownProbeKinds.Http] = HttpProbe,
        [KnownProbeKinds.Infer] = InferProbe,
        [KnownProbeKinds.Consistency] = ConsistencyProbe,
    };

    /// <summary>Every key of <paramref name="byKind"/>, for a mapping whose kind is missing or unknown.</summary>
    public static string[] Union(IReadOnlyDictionary<string, string[]> byKind) => [.. byKind.Values.SelectMany(k => k).Distinct(StringComparer.Ordinal)];
}
