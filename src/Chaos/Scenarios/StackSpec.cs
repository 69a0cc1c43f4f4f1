namespace Chaos.Scenarios;

/// <summary>The reference stack a scenario runs against.</summary>
public sealed record StackSpec
{
    /// <summary>Variant name: <c>full</c> or a known variant with practices switched off.</summary>
    public string Variant { get; init; } = "full";
    /// <summary>Inference replicas of the full stack (a variant may lower it).</summary>
    public int Replicas { get; init; } = 2;
    /// <summary>CPUs each inference replica may use (a fixed-size node); null: no limit.</summary>
    public double? ReplicaCpus { get; init; }
}
