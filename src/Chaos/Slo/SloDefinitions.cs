namespace Chaos.Slo;

/// <summary>The names, units and one-meaning definitions of the SLOs, written into every report.</summary>
public static class SloDefinitions
{
    public const string Availability = "availability";
    public const string FullService = "fullService";
    public const string InputValidation = "inputValidation";
    public const string Latency = "latency";
    public const string TimeToRecover = "timeToRecover";
    public const string ErrorBudgetBurn = "errorBudgetBurn";
    public const string TimeToDetect = "timeToDetect";
    public const string TimeToHeal = "timeToHeal";
    public const string RecoveryTime = "rto";
    public const string RecoveryPoint = "rpo";
    public const string PredictionQuality = "predictionQuality";
    public const string DataLoss = "dataLoss";
    public const string DriftDetectionDelay = "driftDetectionDelay";
    public const string TimeToRetrain = "timeToRetrain";
    public const string TrainingRework = "trainingRework";
    public const string DataValidation = "dataValidation";

    /// <summary>Every SLO name a scenario can set, in the order of the scenario schema.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        Availability, FullService, InputValidation, Latency, TimeToRecover, ErrorBudgetBurn, TimeToDetect, TimeToHeal, RecoveryTime,
        RecoveryPoint, PredictionQuality, DataLoss, DriftDetectionDelay, TimeToRetrain, TrainingRework, DataValidation,
    ];

    /// <summary>Unit of a ratio between 0 and 1 (reports show it as a percentage).</summary>
    public const string FractionUnit = "fraction";
    public const string SecondsUnit = "s";
    /// <summary>Unit of a burn rate: a multiple of the rate that would spend exactly the error budget (reports show "2x").</summary>
    public const string BurnRateUnit = "x";
    /// <summary>Unit of a plain number: a count of items, or a score such as an AUC (reports show the bare number).</summary>
    public const string NumberUnit = "";

    public const string AvailabilityDefinition =
        "(ok + degraded answers) / requests the generator intended to send over the measured window; " +
        "dropped, failed and timed-out requests count as not available; no intended requests gives no data.";

    public const string InputValidationDefinition =
        "corrupt requests (sent malformed on purpose by request.corrupt) that the stack refused with 4xx / corrupt requests it answered at all; " +
        "a 2xx answer means a prediction was made from input no applicant can have; no corrupt request gives no data.";

    public const string FullServiceDefinition =
        "ok answers not marked degraded / requests the generator intended to send over the measured window: availability without the " +
        "fallback's help (a fallback answer keeps a caller served, but it comes from the simplified model or a cache); no intended requests gives no data.";

    public const string LatencyDefinition =
        "fraction of successful (ok + degraded) answers whose latency, measured from the intended send time, is at most the threshold " +
        "(HdrHistogram, 2 significant digits, i.e. 1% resolution; an answer sharing a histogram bucket with the threshold counts as slower); no successful answers gives no data.";

    public const string TimeToRecoverDefinition =
        "seconds from the first fault start to the start of the first one-second interval from which the rest of the measured window, " +
        "taken together, meets the availability and latency targets on enough samples to support them at 95% confidence (rule of three: " +
        "3 / (1 - target)); a second with no intended requests in that rest breaks it; never reached is a failure; no fault gives no data.";

    public const string ErrorBudgetBurnDefinition =
        "burn rate of a window = (1 - availability in the window) / (1 - availability target), availability as defined for the availability SLO; " +
        "1x spends the error budget exactly over the run. Two windows as in the Google SRE workbook, scaled to the run: the long window is the whole " +
        "measured window, the short window max(1 s, run length / 12) rounded down to whole seconds and slid one second at a time; " +
        "the SLO compares the long-window burn, the highest short-window burn is reported with it; no intended requests gives no data.";

    public const string TimeToDetectDefinition =
        "seconds from the first fault start to the first signal of the stack that it noticed (breaker open, replica unready, failover, " +
        "drift alarm, quarantine) at or after the fault start, both on the measured-window clock; no signal fails; no fault gives no data.";

    public const string TimeToHealDefinition =
        "seconds from the first fault start to the first replica-ready signal of the controller at or after it (a replica it replaced or " +
        "added answered its readiness probe: the lost capacity is back); no such signal fails (a stack without self-healing never heals); " +
        "no fault gives no data.";

    public const string RecoveryTimeDefinition =
        "seconds from the start of the region-loss fault to the first successful (ok or degraded) answer served by the standby region at or " +
        "after that start; no such answer fails; no fault gives no data.";

    public const string RecoveryPointDefinition =
        "number of items (model versions or committed rows) present in the primary region but missing in the standby after the fault; " +
        "an empty primary gives no data.";

    public const string DataLossDefinition =
        "rows acknowledged to the writer but not readable after the fault, plus reads observed to return a partial (uncommitted or torn) write; " +
        "nothing acknowledged gives no data.";

    public const string DataValidationDefinition =
        "bad rows fed to the pipeline (data.corrupt-batch, data.schema-change, data.stale) that it kept out of its table, quarantined or in a rejected batch / " +
        "bad rows it answered for; read from the table after the run. No bad row delivered, or a table that could not be read, gives no data.";

    public const string TrainingReworkDefinition =
        "per training run killed mid-run (training.kill): stages it had finished when it was killed minus the stage its resumed run started from, " +
        "the largest over the kills; work lost beyond the stage in progress. A checkpointed run resumes where it stopped (0); one without " +
        "checkpoints starts over; one that never resumed lost all it had done.";

    public const string DriftDetectionDelayDefinition =
        "seconds from the start of the injected drift to the first drift alarm of the stack at or after it; no alarm fails; no drift gives no data.";

    public const string TimeToRetrainDefinition =
        "seconds from the start of the injected drift to the end of the first retraining run of the pipeline at or after it (the candidate " +
        "evaluated on the holdout and promoted or kept out by the champion gate); no run fails; no drift gives no data.";

    public const string PredictionQualityDefinition =
        "on labelled live predictions: accuracy = share of predictions where (probability >= 0.5) equals the label; AUC = Mann-Whitney U / " +
        "(positives x negatives), ties counting one half; accuracy gap = highest minus lowest accuracy among the groups of the sensitive attribute; " +
        "a probability that is not a number in [0, 1] counts as wrong and is left out of the AUC; fewer predictions than the minimum gives no data.";

    /// <summary>The written definition of an SLO by name (empty for an unknown name).</summary>
    public static string DefinitionOf(string name) => name switch
    {
        Availability => AvailabilityDefinition,
        FullService => FullServiceDefinition,
        InputValidation => InputValidationDefinition,
        Latency => LatencyDefinition,
        TimeToRecover => TimeToRecoverDefinition,
        ErrorBudgetBurn => ErrorBudgetBurnDefinition,
        TimeToDetect => TimeToDetectDefinition,
        TimeToHeal => TimeToHealDefinition,
        RecoveryTime => RecoveryTimeDefinition,
        RecoveryPoint => RecoveryPointDefinition,
        DataLoss => DataLossDefinition,
        DriftDetectionDelay => DriftDetectionDelayDefinition,
        TimeToRetrain => TimeToRetrainDefinition,
        TrainingRework => TrainingReworkDefinition,
        DataValidation => DataValidationDefinition,
        PredictionQuality => PredictionQualityDefinition,
        _ => "",
    };
}
