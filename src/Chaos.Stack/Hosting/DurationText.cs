using System.Globalization;

namespace Chaos.Stack.Hosting;

/// <summary>Parses durations written as a number and a unit: ms, s, m.</summary>
public static class DurationText
{
    /// <summary>Parses text such as 250ms, 1s, 1.5s or 2m.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        var (number, scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 1.0),
            _ when text.EndsWith('s') => (text[..^1], 1000.0),
            _ when text.EndsWith('m') => (text[..^1], 60_000.0),
            _ => (string.Empty, 0.0),
        };
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && double.IsFinite(amount))
        {
            value = TimeSpan.FromMilliseconds(amount * scale);
            return true;
        }

        value = TimeSpan.Zero;
        return false;
    }
}
