namespace Chaos.Slo;

/// <summary>
/// What the harness observed beside the load, on the measured-window clock: stack signals (breaker open, failover,
/// drift alarm...), labelled predictions from live traffic, and for data and region faults the id sets to compare.
/// An SLO whose observation is absent gives no data, never a pass.
/// </summary>
public sealed record RunObservations
{
    public static RunObservations None { get; } = new();

    public IReadOnlyList<StackSignal> Signals { get; init; } = [];
    public IReadOnlyList<LabelledPrediction> Predictions { get; init; } = [];
    /// <summary>Corrupt requests answered and those refused with 4xx, when a request.corrupt fault ran.</summary>
    public (long Sent, long Rejected)? CorruptAnswers { get; init; }
    /// <summary>Start of injected drift (measured-window seconds), when a drift fault ran.</summary>
    public double? DriftStartSeconds { get; init; }
    /// <summary>Answers by region, when a region-loss fault ran.</summary>
    public IReadOnlyList<RegionAnswer>? RegionAnswers { get; init; }
    /// <summary>The region that takes over from the lost one (b when a is lost).</summary>
    public string StandbyRegion { get; init; } = "b";
    /// <summary>When the region-loss fault took effect (measured-window seconds): the RTO's start, whatever faults came before.</summary>
    public double? RegionLossStartSeconds { get; init; }
    /// <summary>Model versions / committed rows of the primary and the standby, when a region-loss fault ran.</summary>
    public (IReadOnlyCollection<string> Primary, IReadOnlyCollection<string> Standby)? ReplicatedIds { get; init; }
    /// <summary>Rows acknowledged and rows readable after a data fault (null: the store could not be read after it), plus partial reads seen.</summary>
    public (IReadOnlyCollection<string> Acknowledged, IReadOnlyCollection<string>? Readable, long PartialReads)? DataIds { get; init; }
    /// <summary>Bad rows the pipeline answered for, and how many of them its table held after the run (null: not read), when a data feed fault ran.</summary>
    public (long Delivered, long? Admitted)? BadRows { get; init; }
    /// <summary>Per training run killed by training.kill: the stage it had finished and the stage its resumed run started from (null: never resumed).</summary>
    public IReadOnlyList<TrainingResume>? TrainingResumes { get; init; }
}
