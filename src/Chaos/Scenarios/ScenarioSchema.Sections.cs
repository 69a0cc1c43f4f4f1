using System.Text.Json.Nodes;
using Chaos.Load.Profiles;
using Chaos.Stack.Ml;
using static Chaos.Scenarios.SchemaNodes;

namespace Chaos.Scenarios;

/// <summary>The schema of each section of a scenario.</summary>
public static partial class ScenarioSchema
{
    private static JsonObject Stack() => Closed("The reference stack the scenario runs against.", ScenarioKeys.Stack, [],
        ("variant", OneOf("Stack variant: full, or a known variant with reliability practices switched off.", KnownVariants.All)),
        ("replicas", Integer("Inference replicas of the full stack.", 1, 8)),
        ("replicaCpus", Number("CPUs each inference replica may use (a fixed-size node; autoscaling then adds real capacity). No limit when left out.", 0.1, 16)),
        ("regions", List("Regions to bring up: [a] (default), or [a, b] for a warm standby in the paired region b behind a front door.",
            OneOf("A region: a (primary) or b (standby).", KnownTargets.Regions), 1, 2)),
        ("pipeline", Flag(StackSpec.PipelineDescription)));

    private static JsonObject Load() => Closed("An open-model load: requests arrive on schedule whatever the response time.", ScenarioKeys.Load,
        ["rate", "duration"],
        ("rate", Ref("rate", "Arrival rate; the base rate of step and spike profiles and the start of a ramp unless 'from' is given.")),
        ("duration", Ref("duration", "Length of the measured window, up to 60m.")),
        ("warmup", Ref("duration", "Load before the measured window (not scored), at the profile's initial rate.")),
        ("maxInFlight", Integer("Requests outstanding at most; an arrival beyond it is dropped and counted.", 1, 100_000)),
        ("timeout", Ref("duration", "Client-side timeout of one request.")),
        ("rows", Integer(LoadSpec.RowsDescription, 1, LoadSpec.MaxRows)),
        ("transport", OneOf(KnownLoadTransports.Description, KnownLoadTransports.All)),
        ("profile", Variants("How the arrival rate moves over the measured window; constant at 'rate' when left out.",
            KnownProfileKinds.All.Select(Profile))));

    private static JsonObject Profile(string kind)
    {
        var kindNode = Constant("Kind of arrival profile.", kind);
        var keys = ScenarioKeys.Profile[kind];
        return kind switch
        {
            ConstantArrivalProfile.Name => Closed("Arrivals at load.rate throughout.", keys, ["kind"], ("kind", kindNode)),
            RampArrivalProfile.Name => Closed("A rate moving linearly from 'from' to 'to' over the load duration.", keys, ["kind", "to"],
                ("kind", kindNode),
                ("from", Ref("rate", "Rate at the start of the measured window (default: load.rate).")),
                ("to", Ref("rate", "Rate at the end of the measured window, above 0."))),
            StepArrivalProfile.Name => Closed("load.rate until the first step, then each step's rate from its time on.", keys, ["kind", "steps"],
                ("kind", kindNode),
                ("steps", List("The steps, in increasing order of 'at'.", Closed("From 'at' on, arrivals come at 'rate'.", ScenarioKeys.Step, ["at", "rate"],
                    ("at", Ref("duration", "Time after the start of the measured window, before its end.")),
                    ("rate", Ref("rate", "Rate from this step on."))), minItems: 1))),
            SpikeArrivalProfile.Name => Closed("load.rate with one burst at 'rate' from 'at' for 'length'.", keys, ["kind", "rate", "at", "length"],
                ("kind", kindNode),
                ("rate", Ref("rate", "Rate during the spike.")),
                ("at", Ref("duration", "When the spike starts, after the start of the measured window.")),
                ("length", Ref("duration", "How long the spike lasts; it must end by the end of the load."))),
            _ => throw new InvalidOperationException($"The schema has no arrival profile '{kind}'."),
        };
    }

    private static JsonObject Probe() => Variants("A steady-state probe: an HTTP check, an inference correctness canary, or a consistency check across replicas.",
        KnownProbeKinds.All.Select(kind => kind switch
        {
            KnownProbeKinds.Http => Closed("An HTTP GET against the stack's front door that must answer with 'expect'.", ScenarioKeys.HttpProbe, ["path"],
                ("probe", Constant("Kind of probe (default: http).", kind)),
                ("path", Text("HTTP path starting with /.", @"^/\S*$")),
                ("expect", Integer("HTTP status the probe must see (default: 200).", 100, 599))),
            KnownProbeKinds.Infer => Closed("A correctness canary: fixed rows sent to a model whose outputs must match.", ScenarioKeys.InferProbe,
                ["probe", "model", "inputs", "expect"],
                ("probe", Constant("Kind of probe.", kind)),
                ("model", Text("The model to ask, as the stack names it.", "^[A-Za-z0-9_.-]{1,64}$")),
                ("inputs", List($"Rows to send, each of {CreditTask.FeatureNames.Count} numbers: {string.Join(", ", CreditTask.FeatureNames)}.",
                    List("One row of features.", new JsonObject { ["type"] = "number" }, CreditTask.FeatureNames.Count, CreditTask.FeatureNames.Count),
                    minItems: 1, maxItems: 100)),
                ("expect", Closed("The outputs the model must give.", ScenarioKeys.InferExpect, ["outputs"],
                    ("outputs", List("One expected output per input row.", new JsonObject { ["type"] = "number" }, minItems: 1)),
                    ("tolerance", Number("Largest absolute difference allowed (default: 0.01).", 0, 1))))),
            KnownProbeKinds.Consistency => Closed(
                "Consistency: the same seeded applicants sent to every inference replica directly must get the same answers (the fallback's disagreement is reported).",
                ScenarioKeys.ConsistencyProbe, ["probe", "model"],
                ("probe", Constant("Kind of probe.", kind)),
                ("model", Text("The model to ask, as the stack names it.", "^[A-Za-z0-9_.-]{1,64}$")),
                ("tolerance", Number("Largest difference allowed between two replicas' answers to the same input (default: 0.000001).", 0, 1))),
            _ => throw new InvalidOperationException($"The schema has no probe kind '{kind}'."),
        }));

    // A role, a region (every container of it: region.loss), or a role within a region; at least one of the two.
    private static JsonObject Target()
    {
        var target = Closed("Which of the run's containers the fault touches: a role, a region, or a role within a region.", ScenarioKeys.Target, [],
            ("role", OneOf("Role of the target containers.", KnownTargets.Roles)),
            ("region", OneOf("Region of the target containers; alone, every container of the region (region.loss).", KnownTargets.Regions)),
            ("pick", Variants("One container of the role, all of them, or a share such as 50% (rounded up, at least one; default: one).",
                [OneOf("One or all containers of the role.", KnownTargets.Picks), Ref("percent", "A share of the role's containers, picked at random with the run's seed.")])));
        target["anyOf"] = new JsonArray(new JsonObject { ["required"] = new JsonArray("role") }, new JsonObject { ["required"] = new JsonArray("region") });
        return target;
    }

    private static JsonObject Fault() => Closed("One fault of the timeline.", ScenarioKeys.Fault, ["at", "kind", "target"],
        ("at", Ref("duration", "When to inject it, after the start of the measured window and before its end.")),
        ("kind", OneOf("Fault kind, as 'chaos faults' lists them.", KnownFaultKinds.All)),
        ("target", Target()),
        ("duration", Ref("duration", "How long a reversible fault lasts before it is reverted (default: until the end of the load).")),
        ("rate", Ref("percent", "Share of calls a probabilistic fault hits (polly.chaos), of packets network.loss drops, of requests request.corrupt sends malformed, of rows data.corrupt-batch feeds bad.")),
        ("mode", OneOf("What polly.chaos injects (fault, latency, outcome) or what data.drift changes (covariate: the inputs; concept: the ground truth; label: the class balance).",
            new SortedSet<string>(KnownFaultKinds.PollyChaosModes.Concat(KnownFaultKinds.DriftModes), StringComparer.Ordinal))),
        ("delay", Ref("duration", "Added delay of polly.chaos in latency mode and of network.latency; how long network.slow-close holds a close.")),
        ("jitter", Ref("duration", "Half-width of network.latency's uniform jitter: delays are drawn from [delay - jitter, delay + jitter] (default: 0).")),
        ("bandwidth", Integer("Rate of network.bandwidth in bytes per second, per direction and connection.", 1, 1_000_000_000)),
        ("cores", Integer("Cores resource.cpu keeps busy (default: 1).", 1, 8)),
        ("memory", Integer("Megabytes resource.memory allocates and touches.", 1, 4096)),
        ("shift", Number("Strength of data.drift: covariate, debt_ratio and log-income move by this many standard deviations; concept, two coefficients of the ground truth change by this factor (1 doubles them); label, the odds of default multiply by 1 + shift.", 0.05, 5)),
        ("ramp", Ref("duration", "data.drift grows linearly to full strength over this long (gradual drift); without it the change is sudden.")),
        ("kills", Integer("How many times storage.crash kills the pipeline's writer mid-commit (default: 3).", 1, 20)));

    private static JsonObject Guardrail() => Variants("Abort when the metric, computed per one-second interval, is past its limit for 'for' consecutive seconds.",
        KnownGuardrailMetrics.All.Select(metric =>
        {
            var limitKey = KnownGuardrailMetrics.LimitKey(metric);
            var limit = KnownGuardrailMetrics.IsDuration(metric)
                ? Ref("duration", $"Trips when the metric is {limitKey} this duration.")
                : Ref("percent", $"Trips when the metric is {limitKey} this percentage.");
            return Closed($"A guardrail on {metric}.", ["metric", limitKey, "for"], ["metric", limitKey, "for"],
                ("metric", Constant("Metric, computed per one-second interval.", metric)),
                (limitKey, limit),
                ("for", Ref("duration", "Consecutive seconds past the limit before the run aborts: a whole number of seconds.")));
        }));

    private static JsonObject Slos()
    {
        var slos = Closed("The service-level objectives a run is scored against; at least one.", ScenarioKeys.Slo, [],
            ("availability", Ref("percentThreshold", "Successful answers / intended requests.")),
            ("fullService", Ref("percentThreshold", "Answers from the primary path (ok, not degraded) / intended requests.")),
            ("inputValidation", Ref("percentThreshold", "Corrupt requests (request.corrupt) refused with 4xx / corrupt requests answered.")),
            ("latency", Closed("Fraction of successful answers faster than a threshold.", ScenarioKeys.Latency, ["threshold", "fraction"],
                ("threshold", Ref("duration", "Latency threshold, measured from the intended send time.")),
                ("fraction", Ref("percentThreshold", "Share of answers under the threshold.")))),
            ("timeToRecover", Ref("durationThreshold", "Fault start to the start of the first window after which every SLO holds.")),
            ("errorBudgetBurn", Ref("numberThreshold", "Error-budget burn rate: budget spent / budget allowed (1 spends it exactly).")),
            ("timeToDetect", Ref("durationThreshold", "Fault start to the first signal that the stack noticed it.")),
            ("timeToHeal", Ref("durationThreshold", "Fault start to the first replacement replica reported ready (capacity restored).")),
            ("rto", Ref("durationThreshold", "Recovery time objective: fault start to the first good answer from the standby.")),
            ("rpo", Ref("countThreshold", "Recovery point objective: model versions or committed rows missing in the standby.")),
            ("predictionQuality", Closed("Prediction quality on live traffic against ground truth.", ScenarioKeys.PredictionQuality, ["metric", "target"],
                ("metric", OneOf("Quality metric.", KnownPredictionMetrics.All)),
                ("target", Ref("numberThreshold", "Threshold on the metric, from 0 to 1.")))),
            ("dataLoss", Ref("countThreshold", "Rows acknowledged but not readable after the fault.")),
            ("driftDetectionDelay", Ref("durationThreshold", "Drift start to the drift alarm.")),
            ("timeToRetrain", Ref("durationThreshold", "Drift start to the first finished retraining run (candidate promoted or kept out by the gate).")),
            ("trainingRework", Ref("countThreshold", "Training stages redone after a training run was killed mid-run (training.kill).")),
            ("dataValidation", Ref("percentThreshold", "Bad rows fed to the pipeline (data.corrupt-batch, data.schema-change, data.stale) kept out of its table / bad rows delivered.")));
        slos["minProperties"] = 1;
        return slos;
    }
}
