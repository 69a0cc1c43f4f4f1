namespace Chaos.Scenarios;

/// <summary>The service-level objectives a run is scored against. Null means "not asked for".</summary>
public sealed record SloSpec
{
    /// <summary>Successful answers / intended requests, as a fraction (0.995 for "&gt;= 99.5%").</summary>
    public Threshold? Availability { get; init; }
    /// <summary>Answers from the primary path (ok, not degraded) / intended requests: availability without the fallback's help.</summary>
    public Threshold? FullService { get; init; }
    /// <summary>Corrupt requests refused with 4xx / corrupt requests answered, as a fraction (request.corrupt).</summary>
    public Threshold? InputValidation { get; init; }
    public LatencySlo? Latency { get; init; }
    /// <summary>Fault start to the start of the first window after which every SLO holds, in seconds.</summary>
    public Threshold? TimeToRecover { get; init; }
    /// <summary>Error-budget burn rate: budget spent / budget allowed over the window (1 spends it exactly).</summary>
    public Threshold? ErrorBudgetBurn { get; init; }
    /// <summary>Fault start to the first signal that the stack noticed it, in seconds.</summary>
    public Threshold? TimeToDetect { get; init; }
    /// <summary>Fault start to the first replacement replica the controller reported ready (capacity restored), in seconds.</summary>
    public Threshold? TimeToHeal { get; init; }
    /// <summary>Recovery time objective: fault start to the first good answer from the standby, in seconds.</summary>
    public Threshold? RecoveryTimeObjective { get; init; }
    /// <summary>Recovery point objective: model versions or committed rows in the primary but missing in the standby (a count).</summary>
    public Threshold? RecoveryPointObjective { get; init; }
    /// <summary>Accuracy or AUC on live traffic against ground truth.</summary>
    public PredictionQualitySlo? PredictionQuality { get; init; }
    /// <summary>Rows acknowledged but not readable after the fault (a count).</summary>
    public Threshold? DataLoss { get; init; }
    /// <summary>Bad rows fed to the pipeline that it kept out of its table / bad rows delivered.</summary>
    public Threshold? DataValidation { get; init; }
    /// <summary>Training stages redone after a training run was killed (training.kill).</summary>
    public Threshold? TrainingRework { get; init; }
    /// <summary>Drift start to the drift alarm, in seconds.</summary>
    public Threshold? DriftDetectionDelay { get; init; }
    /// <summary>Drift start to the first finished retraining run (candidate promoted or rejected), in seconds.</summary>
    public Threshold? TimeToRetrain { get; init; }
}

/// <summary>Fraction of successful answers faster than <see cref="Threshold"/>.</summary>
public sealed record LatencySlo(TimeSpan Threshold, Threshold Fraction);

/// <summary>A comparison against a number: fractions for percentages, seconds for durations.</summary>
public sealed record Threshold(Comparison Comparison, double Value)
{
    public bool IsMetBy(double measured) => Comparison switch
    {
        Comparison.AtLeast => measured >= Value,
        Comparison.AtMost => measured <= Value,
        Comparison.GreaterThan => measured > Value,
        Comparison.LessThan => measured < Value,
        _ => false,
    };

    /// <summary>How far the measurement is on the good side of the target (negative: missed by that much).</summary>
    public double MarginOf(double measured) => Comparison switch
    {
        Comparison.AtLeast or Comparison.GreaterThan => measured - Value,
        _ => Value - measured,
    };

    public string Symbol => Comparison switch
    {
        Comparison.AtLeast => ">=",
        Comparison.AtMost => "<=",
        Comparison.GreaterThan => ">",
        _ => "<",
    };
}

public enum Comparison { AtLeast, AtMost, GreaterThan, LessThan }
