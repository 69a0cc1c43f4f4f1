namespace Chaos.Targets;

/// <summary>
/// The reference stack with some reliability practices switched off. <c>full</c> has them all; each
/// <c>no-&lt;practice&gt;</c> variant takes exactly one away, so a gate can show it notices the difference.
/// </summary>
public sealed record StackVariant(string Name, int Replicas, int Retries, bool CircuitBreaker, string Description)
{
    /// <summary>A controller replaces dead or unready replicas (same alias, same configuration).</summary>
    public bool SelfHealing { get; init; } = true;

    /// <summary>The gateway answers from a simplified model (or a cache of recent answers) when every replica fails; marked degraded.</summary>
    public bool Fallback { get; init; } = true;

    /// <summary>The gateway races a slow attempt with a second replica after a short delay.</summary>
    public bool Hedging { get; init; } = true;

    /// <summary>The gateway keeps at most a few attempts outstanding per replica (a bulkhead) and sends the rest to another
    /// replica, or the fallback, at once: an overloaded replica sheds load instead of timing out and opening its breaker.</summary>
    public bool Bulkhead { get; init; } = true;

    /// <summary>More than one practice off at once (a known-bad stack); not a row of the gate-fidelity matrix.</summary>
    public bool Compound { get; init; }

    /// <summary>The controller adds replicas under load (latency, queue depth, accelerator utilisation) up to <see cref="MaxReplicas"/>
    /// and removes them after a cooldown; the gateway follows its replica list.</summary>
    public bool Autoscaling { get; init; } = true;

    /// <summary>Most inference replicas autoscaling may run.</summary>
    public int MaxReplicas { get; init; } = 6;

    /// <summary>CPUs each inference replica may use (a fixed-size node, as a GPU node has a fixed capacity); null: no limit.</summary>
    public double? ReplicaCpus { get; init; }

    /// <summary>Inference replicas load a model from the registry only after its SHA-256 matches the registered digest.</summary>
    public bool IntegrityCheck { get; init; } = true;

    /// <summary>Inference refuses non-finite values and values outside the model's declared feature ranges (400).</summary>
    public bool Validation { get; init; } = true;

    /// <summary>The pipeline watches live inputs for drift (KS, PSI, JS, Wasserstein per window; CUSUM per row) and alarms.</summary>
    public bool DriftMonitor { get; init; } = true;

    /// <summary>The pipeline retrains on a drift alarm or stale data, evaluates the candidate and promotes or rejects it.</summary>
    public bool Retraining { get; init; } = true;

    /// <summary>Training writes a checkpoint per stage and resumes from the last one after a crash.</summary>
    public bool Checkpoints { get; init; } = true;

    /// <summary>Committed rows live in a versioned Parquet table with an atomic commit log (else one JSON Lines file).</summary>
    public bool TransactionalStore { get; init; } = true;

    /// <summary>Region b's registry copies region a's asynchronously (versions by digest, then aliases); else it holds only what it was seeded with.</summary>
    public bool GeoReplication { get; init; } = true;

    /// <summary>Region b keeps one replica running, scaled up on failover; else its replica is parked (stopped) until a failover starts it.</summary>
    public bool WarmStandby { get; init; } = true;

    public static readonly StackVariant Full = new(Scenarios.KnownVariants.Full, 2, 3, true,
        "Every practice on: two replicas, retries with exponential backoff and jitter, a circuit breaker per replica, hedging, " +
        "a bound on outstanding requests per replica, a fallback to a simplified model or a cache, a self-healing and autoscaling controller.");

    public static readonly StackVariant SingleReplicaNoRetry = new(Scenarios.KnownVariants.SingleReplicaNoRetry, 1, 0, false,
        "One replica and none of the practices: a known-bad stack the gate must fail.")
    {
        SelfHealing = false, Fallback = false, Hedging = false, Bulkhead = false, IntegrityCheck = false, Validation = false, Autoscaling = false,
        DriftMonitor = false, Retraining = false, Checkpoints = false, TransactionalStore = false, GeoReplication = false, WarmStandby = false, Compound = true,
    };

    public static readonly StackVariant NoFallback = Full with
    {
        Name = "no-fallback", Fallback = false, Description = "No fallback: when every replica fails, the caller gets the error.",
    };

    public static readonly StackVariant NoHedging = Full with
    {
        Name = "no-hedging", Hedging = false, Description = "No hedging: a slow replica is waited for up to the attempt timeout.",
    };

    public static readonly StackVariant NoBulkhead = Full with
    {
        Name = "no-bulkhead", Bulkhead = false,
        Description = "No bound on a replica's outstanding requests: an overloaded replica queues until attempts time out and its breaker opens.",
    };

    public static readonly StackVariant NoSelfHealing = Full with
    {
        Name = "no-self-healing", SelfHealing = false, Autoscaling = false, Description = "No controller: a dead replica stays dead.",
    };

    public static readonly StackVariant NoRetries = Full with
    {
        Name = "no-retries", Retries = 0, Description = "The gateway sends each request once: a failed attempt is a failed answer.",
    };

    public static readonly StackVariant NoCircuitBreaker = Full with
    {
        Name = "no-circuit-breaker", CircuitBreaker = false, Description = "No circuit breaker: a dead replica keeps receiving first attempts.",
    };

    public static readonly StackVariant NoIntegrityCheck = Full with
    {
        Name = "no-integrity-check", IntegrityCheck = false,
        Description = "Replicas load whatever bytes the registry hands them: a corrupt artifact that still parses is served.",
    };

    public static readonly StackVariant NoValidation = Full with
    {
        Name = "no-validation", Validation = false,
        Description = "No validation: inference lets NaN, infinities and out-of-range features reach the model, and the pipeline commits corrupt, schema-changed and stale rows.",
    };

    public static readonly StackVariant NoAutoscaling = Full with
    {
        Name = "no-autoscaling", Autoscaling = false,
        Description = "The replica count stays at its start: a load surge queues on the replicas there are.",
    };

    public static readonly StackVariant NoDriftMonitor = Full with
    {
        Name = "no-drift-monitor", DriftMonitor = false,
        Description = "Nobody watches the live inputs: drift raises no alarm and retrains nothing until the freshness rule fires.",
    };

    public static readonly StackVariant NoRetraining = Full with
    {
        Name = "no-retraining", Retraining = false,
        Description = "Drift alarms, but nothing retrains: the champion stays whatever the data does.",
    };

    public static readonly StackVariant NoTransactionalStore = Full with
    {
        Name = "no-transactional-store", TransactionalStore = false,
        Description = "The pipeline appends rows to one plain file: readers see half-written batches and a killed writer leaves one behind.",
    };

    public static readonly StackVariant NoCheckpoints = Full with
    {
        Name = "no-checkpoints", Checkpoints = false,
        Description = "Training keeps no checkpoints: a training run killed mid-way starts over from its first stage.",
    };

    public static readonly StackVariant NoGeoReplication = Full with
    {
        Name = "no-geo-replication", GeoReplication = false,
        Description = "Region b's registry is not replicated: it serves the models it was seeded with, and every version published since is lost with region a.",
    };

    public static readonly StackVariant NoWarmStandby = Full with
    {
        Name = "no-warm-standby", WarmStandby = false,
        Description = "Region b is a cold standby: its replica is parked (stopped) and starts only when a failover activates the region.",
    };

    public static readonly StackVariant SingleReplica = Full with
    {
        Name = "single-replica", Replicas = 1, Description = "One inference replica: nothing to fail over to.",
    };

    /// <summary>Every variant by name; scenario validation and the CLI read the same list.</summary>
    public static IReadOnlyDictionary<string, StackVariant> All { get; } =
        new[] { Full, SingleReplicaNoRetry, NoRetries, NoCircuitBreaker, SingleReplica, NoSelfHealing, NoFallback, NoHedging, NoBulkhead, NoIntegrityCheck, NoValidation, NoAutoscaling, NoDriftMonitor, NoRetraining, NoTransactionalStore, NoCheckpoints, NoGeoReplication, NoWarmStandby }.ToDictionary(v => v.Name, StringComparer.Ordinal);

    /// <summary>The rows of the gate-fidelity matrix: every variant that takes exactly one practice away.</summary>
    public static IReadOnlyList<StackVariant> SinglePractice => All.Values.Where(v => v.Name != Full.Name && !v.Compound).ToList();

    /// <summary>The variant, with the scenario's replica count where the variant keeps the full stack's.</summary>
    public StackVariant WithReplicas(int replicas) => Replicas == Full.Replicas ? this with { Replicas = replicas, MaxReplicas = Math.Max(MaxReplicas, replicas) } : this;

    /// <summary>The variant with the scenario's CPU limit per inference replica (null keeps none).</summary>
    public StackVariant WithReplicaCpus(double? cpus) => cpus is null ? this : this with { ReplicaCpus = cpus };
}
