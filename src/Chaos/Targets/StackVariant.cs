namespace Chaos.Targets;

/// <summary>The reference stack with some reliability practices switched off. <c>full</c> has them all.</summary>
public sealed record StackVariant(string Name, int Replicas, int Retries, bool CircuitBreaker, string Description)
{
    public static readonly StackVariant Full = new(Scenarios.KnownVariants.Full, 2, 3, true,
        "Every practice on: two replicas, retries with exponential backoff and jitter, a circuit breaker per replica.");

    public static readonly StackVariant SingleReplicaNoRetry = new(Scenarios.KnownVariants.SingleReplicaNoRetry, 1, 0, false,
        "One replica, no retries, no circuit breaker: a known-bad stack the gate must fail.");

    /// <summary>Every variant by name; scenario validation and the CLI read the same list.</summary>
    public static IReadOnlyDictionary<string, StackVariant> All { get; } =
        new[] { Full, SingleReplicaNoRetry }.ToDictionary(v => v.Name, StringComparer.Ordinal);

    /// <summary>The variant, with the scenario's replica count where the variant keeps the default.</summary>
    public StackVariant WithReplicas(int replicas) => this == Full ? this with { Replicas = replicas } : this;
}
