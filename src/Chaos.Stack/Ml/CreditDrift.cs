namespace Chaos.Stack.Ml;

/// <summary>
/// Ground-truth change knobs for the credit task. Strengths ramp in from <see cref="Onset"/> over <see cref="RampRows"/>
/// rows (0 = sudden); <see cref="None"/> reproduces <see cref="CreditTask.Generate"/> exactly.
/// </summary>
/// <param name="CovariateShift">Mean shift of debt_ratio and log-income, in standard deviations of each (P(x) changes, P(y|x) does not).</param>
/// <param name="ConceptDrift">Relative change of the debt_ratio and late_payments coefficients (P(y|x) changes, P(x) does not); 1 doubles them.</param>
/// <param name="LabelShiftOdds">Factor on the odds of default by class-conditional resampling (P(y) changes, P(x|y) does not); 1 = none.</param>
/// <param name="SeasonalAmplitude">Relative amplitude of a sinusoidal income cycle (0 = none); it starts at the onset like the other knobs.</param>
/// <param name="SeasonPeriodRows">Rows per seasonal cycle.</param>
/// <param name="Onset">Row index (over the whole stream) where the change starts.</param>
/// <param name="RampRows">Rows over which the change grows linearly to full strength; 0 is a sudden change.</param>
/// <param name="GroupShare">Share of applicants in the sensitive group 1 (the base task has 0.4).</param>
public sealed record CreditDrift(
    double CovariateShift = 0,
    double ConceptDrift = 0,
    double LabelShiftOdds = 1,
    double SeasonalAmplitude = 0,
    int SeasonPeriodRows = 1000,
    long Onset = 0,
    long RampRows = 0,
    double GroupShare = 0.4)
{
    /// <summary>No change: the base population.</summary>
    public static CreditDrift None { get; } = new();

    /// <summary>True when the knobs leave the base population untouched.</summary>
    public bool IsNone => this == None;

    /// <summary>How far the change has progressed at stream row <paramref name="index"/>: 0 before the onset, 1 at full strength.</summary>
    public double Strength(long index)
    {
        if (index < Onset)
        {
            return 0;
        }

        return RampRows <= 0 ? 1 : Math.Min(1.0, (index - Onset + 1) / (double)RampRows);
    }
}
