using System.Globalization;
using System.Text.RegularExpressions;

namespace Chaos.Scenarios;

/// <summary>The textual forms of scenario values (durations, rates, thresholds), parsed without side effects.</summary>
internal static partial class ScenarioSyntax
{
    public const string DurationForm = "a duration like 500ms, 30s or 2m";
    public const string RateForm = "a rate like 100/s or 100";
    public const string PercentThresholdForm = "a percentage threshold like \">= 99.5%\" (comparisons: >=, <=, >, <)";
    public const string DurationThresholdForm = "a duration threshold like \"<= 10s\" (comparisons: >=, <=, >, <)";

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = DurationPattern().Match(text);
        if (!match.Success || !TryParseNumber(match.Groups[1].Value, out var number))
        {
            return false;
        }
        var millis = number * match.Groups[2].Value switch { "ms" => 1d, "s" => 1_000d, _ => 60_000d };
        // Guard before converting: TimeSpan.FromMilliseconds throws on overflow, and a bad input must never throw.
        if (millis > TimeSpan.FromDays(365).TotalMilliseconds)
        {
            duration = TimeSpan.MaxValue;
            return true;
        }
        duration = TimeSpan.FromTicks((long)Math.Round(millis * TimeSpan.TicksPerMillisecond));
        return true;
    }

    public static bool TryParseRate(string text, out double perSecond)
    {
        var match = RatePattern().Match(text);
        perSecond = 0;
        return match.Success && TryParseNumber(match.Groups[1].Value, out perSecond);
    }

    public static bool TryParsePercentThreshold(string text, out Threshold? threshold)
    {
        threshold = null;
        var match = PercentThresholdPattern().Match(text);
        if (!match.Success || !TryParseNumber(match.Groups[2].Value, out var percent) || percent > 100)
        {
            return false;
        }
        threshold = new Threshold(ParseComparison(match.Groups[1].Value), percent / 100d);
        return true;
    }

    public static bool TryParseDurationThreshold(string text, out Threshold? threshold)
    {
        threshold = null;
        var match = DurationThresholdPattern().Match(text);
        if (!match.Success || !TryParseDuration(match.Groups[2].Value, out var duration) || duration > TimeSpan.FromHours(1))
        {
            return false;
        }
        threshold = new Threshold(ParseComparison(match.Groups[1].Value), duration.TotalSeconds);
        return true;
    }

    public static bool TryParseNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    private static Comparison ParseComparison(string symbol) => symbol switch
    {
        ">=" => Comparison.AtLeast,
        "<=" => Comparison.AtMost,
        ">" => Comparison.GreaterThan,
        _ => Comparison.LessThan,
    };

    [GeneratedRegex(@"^([0-9]{1,15}(?:\.[0-9]{1,9})?)(ms|s|m)$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^([0-9]{1,15}(?:\.[0-9]{1,9})?)(?:/s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^(>=|<=|>|<)\s*([0-9]{1,15}(?:\.[0-9]{1,9})?)\s*%$", RegexOptions.CultureInvariant)]
    private static partial Regex PercentThresholdPattern();

    [GeneratedRegex(@"^(>=|<=|>|<)\s*(\S+)$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationThresholdPattern();
}
