using System.Globalization;
using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>
/// How many samples a fraction target needs before a pass means anything. Rule of three: with no failure in n trials,
/// the 95% upper confidence bound of the failure rate is about 3/n; so a target p (e.g. 99.9%) can be supported only
/// with n &gt;= 3 / (1 - p) samples (3,000 for 99.9%). A measurement that would pass on fewer samples gives no data
/// (an inconclusive run), never a pass; one that misses its target fails whatever the count.
/// </summary>
public static class SampleSize
{
    public const double RuleOfThree = 3.0;

    /// <summary>Samples needed for a "&gt;= p" fraction target at 95% confidence; null when no finite number suffices (p = 100%).</summary>
    public static long? Needed(Threshold target)
    {
        if (target.Comparison is not (Comparison.AtLeast or Comparison.GreaterThan) || target.Value <= 0)
        {
            return 1;
        }
        return target.Value >= 1 ? null : (long)Math.Ceiling(RuleOfThree / (1 - target.Value) - 1e-9);
    }

    /// <summary>Why <paramref name="samples"/> cannot support <paramref name="target"/>, or null when they can.</summary>
    public static string? Shortfall(Threshold target, long samples) => Needed(target) switch
    {
        null => "a 100% target can never be supported by a finite sample: no verdict",
        { } needed when samples < needed => string.Create(CultureInfo.InvariantCulture,
            $"too few samples for 95% confidence: {samples} < {needed} (= 3 / (1 - {target.Value:0.#####}), the rule of three)"),
        _ => null,
    };
}
