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
    /// <summary>Regions to bring up: <c>[a]</c>, or <c>[a, b]</c> for a warm standby in region b behind a front door.</summary>
    public IReadOnlyList<string> Regions { get; init; } = OneRegion;
    /// <summary>The two layouts there are (shared instances, so specs compare equal by value).</summary>
    public static readonly IReadOnlyList<string> OneRegion = [KnownTargets.PrimaryRegion];
    public static readonly IReadOnlyList<string> TwoRegions = [KnownTargets.PrimaryRegion, KnownTargets.StandbyRegion];
    /// <summary>Start the data pipeline (drift monitor, validated store, retraining) even when no data fault or data SLO asks for it.</summary>
    public bool Pipeline { get; init; }
    public const string PipelineDescription =
        "Start the data pipeline (validation, versioned store, drift monitor, retraining) and feed it the load's rows. It starts anyway when a data fault, model.bad-version, training.kill, storage.crash or a data SLO needs it.";
    /// <summary>True when region b (the standby) is part of the stack.</summary>
    public bool HasStandbyRegion => Regions.Count > 1;
}
