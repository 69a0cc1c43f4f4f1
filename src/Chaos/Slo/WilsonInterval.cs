namespace Chaos.Slo;

/// <summary>
/// Wilson score interval of a pass rate. With p = successes / trials, n = trials and z the normal quantile (1.96 for 95%):
/// centre = (p + z²/2n) / (1 + z²/n), half-width = z / (1 + z²/n) · sqrt(p(1 - p)/n + z²/4n²), bounds clamped to [0, 1]
/// (exactly 0 at zero successes and exactly 1 at n successes); no trials gives [0, 1], nothing known.
/// </summary>
public sealed record WilsonInterval(double Lower, double Upper)
{
    /// <summary>z of a two-sided 95% interval.</summary>
    public const double Z95 = 1.96;

    public static WilsonInterval For(int successes, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(z);
        if (trials == 0)
        {
            return new WilsonInterval(0, 1);
        }
        double n = trials, p = successes / n, z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var halfWidth = z / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new WilsonInterval(
            successes == 0 ? 0 : Math.Max(0, centre - halfWidth),
            successes == trials ? 1 : Math.Min(1, centre + halfWidth));
    }
}
