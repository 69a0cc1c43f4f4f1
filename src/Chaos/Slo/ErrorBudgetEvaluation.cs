using System.Globalization;
using Chaos.Load;
using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>
/// Error-budget burn rate, multi-window as in the Google SRE workbook with windows scaled to the run length; the SLO compares the
/// long-window burn (the whole measured window), and the message reports the worst short window next to it.
/// </summary>
public static class ErrorBudgetEvaluation
{
    /// <summary>One twelfth of the run as in the workbook's 1 h / 5 min pair scaled down, whole seconds, at least one.</summary>
    public static int ShortWindowSeconds(int runSeconds) => Math.Max(1, runSeconds / 12);

    /// <summary>(1 - availability) / (1 - target): 1 spends the budget exactly; 0 spends none.</summary>
    public static double BurnRate(double availability, double availabilityTarget) => (1 - availability) / (1 - availabilityTarget);

    /// <summary>Both burns of a run; null when no request was intended in the measured window.</summary>
    public static ErrorBudgetBurn? Measure(double availabilityTarget, LoadResult load)
    {
        CheckTarget(availabilityTarget);
        var seconds = MeasuredSeconds.Of(load);
        if (AvailabilityEvaluation.Measure(seconds.OfType<LoadInterval>()) is not { } availability)
        {
            return null;
        }
        var window = ShortWindowSeconds(seconds.Length);
        var rolling = BurnRateSeries.Rolling(availabilityTarget, seconds, window);
        int? worstEnd = null;
        for (var s = 0; s < rolling.Length; s++)
        {
            if (rolling[s] is { } burn && (worstEnd is not { } end || burn > rolling[end]))
            {
                worstEnd = s;
            }
        }
        return new ErrorBudgetBurn(seconds.Length, BurnRate(availability, availabilityTarget), window,
            worstEnd is { } e ? rolling[e] : null, worstEnd is { } start ? start - window + 1 : null);
    }

    /// <summary>Scores the long-window burn against <paramref name="target"/> (for example "&lt;= 2").</summary>
    public static SloResult Evaluate(Threshold target, double availabilityTarget, LoadResult load)
    {
        var targetText = string.Create(CultureInfo.InvariantCulture, $"{target.Symbol} {target.Value:0.###}x");
        if (!(availabilityTarget is >= 0 and < 1))
        {
            return new SloResult(SloDefinitions.ErrorBudgetBurn, targetText, null, null, SloStatus.NoData, SloDefinitions.BurnRateUnit,
                SloDefinitions.ErrorBudgetBurnDefinition, 0)
            {
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"an availability target of {availabilityTarget * 100:0.###}% leaves no error budget to burn; set one below 100%"),
            };
        }
        var burn = Measure(availabilityTarget, load);
        var result = SloResults.Score(SloDefinitions.ErrorBudgetBurn, targetText, target, burn?.LongWindowBurn, SloDefinitions.BurnRateUnit,
            SloDefinitions.ErrorBudgetBurnDefinition, load.Intended, noDataMessage: "no request was intended in the measured window");
        return burn is null ? result : result with { Message = Describe(burn, availabilityTarget) };
    }

    internal static void CheckTarget(double availabilityTarget)
    {
        if (!(availabilityTarget is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(availabilityTarget), availabilityTarget,
                "the availability target must be a fraction in [0, 1): a 100% target leaves no error budget to burn");
        }
    }

    private static string Describe(ErrorBudgetBurn burn, double availabilityTarget)
    {
        var shortWindow = burn.MaxShortWindowBurn is { } worst && burn.MaxShortWindowStartSecond is { } start
            ? string.Create(CultureInfo.InvariantCulture,
                $"worst {burn.ShortWindowSeconds}s window {worst:0.###}x (seconds {start}-{start + burn.ShortWindowSeconds})")
            : string.Create(CultureInfo.InvariantCulture, $"no {burn.ShortWindowSeconds}s window had traffic");
        return string.Create(CultureInfo.InvariantCulture,
            $"long window {burn.LongWindowSeconds}s burned {burn.LongWindowBurn:0.###}x of a {(1 - availabilityTarget) * 100:0.###}% error budget; {shortWindow}");
    }
}
