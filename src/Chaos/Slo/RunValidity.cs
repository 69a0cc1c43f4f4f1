using System.Globalization;
using Chaos.Load;

namespace Chaos.Slo;

/// <summary>
/// Whether the generator kept its own schedule: requests dispatched (from their actual dispatch times) at a rate within
/// 1% of the target. Drops at the in-flight bound are not the generator's failure (the stack holds that many requests):
/// they count against availability instead. Scheduling lag is judged with the SLOs it could distort
/// (<see cref="GeneratorLag"/>). An invalid run is not a verdict on the stack; <see cref="Reasons"/> says why.
/// </summary>
public sealed record RunValidity(bool IsValid, IReadOnlyList<string> Reasons)
{
    public const double MaxRateDeviation = 0.01;

    public static RunValidity Check(LoadResult load) => Check(load.TargetRatePerSecond, load.AchievedRatePerSecond, load.Intended);

    /// <summary>The same check from the figures a report keeps (target and achieved rate, requests intended).</summary>
    public static RunValidity Check(double target, double achieved, long intended)
    {
        var reasons = new List<string>();
        if (!(target > 0) || !double.IsFinite(target))
        {
            reasons.Add(Text($"the target rate {target}/s is not a positive number"));
        }
        else if (!double.IsFinite(achieved) || Math.Abs(achieved - target) > MaxRateDeviation * target)
        {
            reasons.Add(Text($"achieved send rate {achieved:0.##}/s is not within {MaxRateDeviation * 100:0.#}% of the target {target:0.##}/s"));
        }
        if (intended == 0)
        {
            reasons.Add("the generator intended no request in the measured window");
        }
        return new RunValidity(reasons.Count == 0, reasons);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
