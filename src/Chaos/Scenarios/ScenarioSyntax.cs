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
    public const string NumberThresholdForm = "a number threshold like \"<= 2\" (comparisons: >=, <=, >, <)";
    public const string CountThresholdForm = "a whole-number threshold like \"<= 0\" (comparisons: >=, <=, >, <)";
    public const string PercentForm = "a percentage like 50%, from 0% to 100%";

    // The patterns of the textual forms; the JSON Schema publishes the same ones (ECMAScript-compatible).
    public const string DurationPatternText = @"^([0-9]{1,15}(?:\.[0-9]{1,9})?)(ms|s|m)$";
    public const string RatePatternText = @"^([0-9]{1,15}(?:\.[0-9]{1,9})?)(?:/s)?$";
    public const string PercentPatternText = @"^([0-9]{1,15}(?:\.[0-9]{1,9})?)\s*%$";
    public const string PercentThresholdPatternText = @"^(>=|<=|>|<)\s*([0-9]{1,15}(?:\.[0-9]{1,9})?)\s*%$";
    public const string DurationThresholdPatternText = @"^(>=|<=|>|<)\s*([0-9]{1,15}(?:\.[0-9]{1,9})?(?:ms|s|m))$";
    public const string NumberThresholdPatternText = @"^(>=|<=|>|<)\s*([0-9]{1,15}(?:\.[0-9]{1,9})?)$";
    public const string CountThresholdPatternText = @"^(>=|<=|>|<)\s*([0-9]{1,15})$";

    /// <summary>A scenario tag: 1-32 of lowercase letters, digits and dashes.</summary>
    public static bool IsTag(string text) => text.Length is > 0 and <= 32 && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

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

    public static bool TryParsePercent(string text, out double fraction)
    {
        fraction = 0;
        var match = PercentPattern().Match(text);
        if (!match.Success || !TryParseNumber(match.Groups[1].Value, out var percent) || percent > 100)
        {
            return false;
        }
        fraction = percent / 100d;
        return true;
    }

    /// <summary>A comparison against a plain number (a burn rate, a score); <paramref name="wholeNumber"/> for counts.</summary>
    public static bool TryParseNumberThreshold(string text, bool wholeNumber, out Threshold? threshold)
    {
        threshold = null;
        var match = (wholeNumber ? CountThresholdPattern() : NumberThresholdPattern()).Match(text);
        if (!match.Success || !TryParseNumber(match.Groups[2].Value, out var number))
        {
            return false;
        }
        threshold = new Threshold(ParseComparison(match.Groups[1].Value), number);
        return true;
    }

    /// <summary>A number with an optional sign and exponent, as in model inputs and outputs.</summary>
    public static bool TryParseSignedNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    public static bool TryParseNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    private static Comparison ParseComparison(string symbol) => symbol switch
    {
        ">=" => Comparison.AtLeast,
        "<=" => Comparison.AtMost,
        ">" => Comparison.GreaterThan,
        _ => Comparison.LessThan,
    };

    [GeneratedRegex(DurationPatternText, RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(RatePatternText, RegexOptions.CultureInvariant)]
    private static partial Regex RatePattern();

    [GeneratedRegex(PercentPatternText, RegexOptions.CultureInvariant)]
    private static partial Regex PercentPattern();

    [GeneratedRegex(PercentThresholdPatternText, RegexOptions.CultureInvariant)]
    private static partial Regex PercentThresholdPattern();

    [GeneratedRegex(DurationThresholdPatternText, RegexOptions.CultureInvariant)]
    private static partial Regex DurationThresholdPattern();

    [GeneratedRegex(NumberThresholdPatternText, RegexOptions.CultureInvariant)]
    private static partial Regex NumberThresholdPattern();

    [GeneratedRegex(CountThresholdPatternText, RegexOptions.CultureInvariant)]
    private static partial Regex CountThresholdPattern();
}
