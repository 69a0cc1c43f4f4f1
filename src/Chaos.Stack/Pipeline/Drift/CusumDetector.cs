namespace Chaos.Stack.Pipeline.Drift;

/// <summary>
/// Two-sided CUSUM (the Page-Hinkley family) per feature on the probability-integral transform of each value against the
/// reference, rescaled to mean 0 and variance 1 for continuous features: S+ = max(0, S+ + z - k), S- = max(0, S- - z - k);
/// an alarm when either passes h. k = 0.25 tunes it for shifts of about half a standard deviation; h is calibrated so the
/// chance of any false alarm over a horizon of no-drift samples is the stated rate (<see cref="DriftCalibrator"/>).
/// </summary>
public sealed class CusumDetector(IReadOnlyList<ReferenceColumn> reference, double threshold, double allowance = CusumDetector.DefaultAllowance)
{
    /// <summary>The default drift allowance k, in standard deviations.</summary>
    public const double DefaultAllowance = 0.25;

    private static readonly double UniformScale = Math.Sqrt(12.0);
    private readonly double[] upper = new double[reference.Count];
    private readonly double[] lower = new double[reference.Count];

    /// <summary>The alarm threshold h.</summary>
    public double Threshold => threshold;

    /// <summary>Samples seen since the last reset.</summary>
    public long Samples { get; private set; }

    /// <summary>The largest CUSUM value over features right now.</summary>
    public double Peak => Math.Max(upper.Max(), lower.Max());

    /// <summary>Feeds one row; returns the index of a feature that alarmed, or -1.</summary>
    public int Observe(ReadOnlySpan<float> row)
    {
        Samples++;
        var alarmed = -1;
        for (var f = 0; f < reference.Count; f++)
        {
            var z = (reference[f].MidRank(row[f]) - 0.5) * UniformScale;
            upper[f] = Math.Max(0, upper[f] + z - allowance);
            lower[f] = Math.Max(0, lower[f] - z - allowance);
            if (alarmed < 0 && (upper[f] > threshold || lower[f] > threshold))
            {
                alarmed = f;
            }
        }

        return alarmed;
    }

    /// <summary>Starts over (after an alarm was handled or the reference changed).</summary>
    public void Reset()
    {
        Array.Clear(upper);
        Array.Clear(lower);
        Samples = 0;
    }
}
