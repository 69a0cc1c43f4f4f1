using System.Globalization;
using Chaos.Load;

namespace Chaos.Slo;

/// <summary>
/// Whether the generator kept its own schedule: achieved send rate within 1% of the target and at most 0.1% of intended requests
/// dropped. An invalid run is not a verdict on the stack; <see cref="Reasons"/> says why.
/// </summary>
public sealed record RunValidity(bool IsValid, IReadOnlyList<string> Reasons)
{
    public const double MaxRateDeviation = 0.01;
    public const double MaxDroppedFraction = 0.001;

    public static RunValidity Check(LoadResult load)
    {
        var reasons = new List<string>();
        var target = load.TargetRatePerSecond;
        var achieved = load.AchievedRatePerSecond;
        if (!(target > 0) || !double.IsFinite(target))
        {
            reasons.Add(Text($"the target rate {target}/s is not a positive number"));
        }
        else if (!double.IsFinite(achieved) || Math.Abs(achieved - target) > MaxRateDeviation * target)
        {
            reasons.Add(Text($"achieved send rate {achieved:0.##}/s is not within {MaxRateDeviation * 100:0.#}% of the target {target:0.##}/s"));
        }
        var intended = load.Intended;
        if (intended == 0)
        {
            reasons.Add("the generator intended no request in the measured window");
        }
        else
        {
            var dropped = load.Count(Outcome.Dropped);
            var fraction = (double)dropped / intended;
            if (fraction > MaxDroppedFraction)
            {
                reasons.Add(Text($"the generator dropped {dropped} of {intended} intended requests ({fraction * 100:0.##}%), more than {MaxDroppedFraction * 100:0.#}%"));
            }
        }
        return new RunValidity(reasons.Count == 0, reasons);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
