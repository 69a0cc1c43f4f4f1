using System.Globalization;

namespace Chaos.Observe;

/// <summary>
/// Reads the Prometheus text exposition format (version 0.0.4): <c>name{label="value",...} number [timestamp]</c>.
/// Comments and malformed lines are skipped: a scrape is an observation, never a reason to stop a run.
/// </summary>
public static class PrometheusTextParser
{
    public static IReadOnlyList<MetricSample> Parse(string text)
    {
        var samples = new List<MetricSample>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            if (TryParseLine(line, out var sample))
            {
                samples.Add(sample);
            }
        }
        return samples;
    }

    private static bool TryParseLine(string line, out MetricSample sample)
    {
        sample = null!;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        string name;
        string rest;
        if (brace >= 0 && (space < 0 || brace < space))
        {
            var close = line.LastIndexOf('}');
            if (close < brace)
            {
                return false;
            }
            name = line[..brace];
            if (!TryParseLabels(line[(brace + 1)..close], labels))
            {
                return false;
            }
            rest = line[(close + 1)..].Trim();
        }
        else
        {
            if (space < 0)
            {
                return false;
            }
            name = line[..space];
            rest = line[(space + 1)..].Trim();
        }
        var valueText = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (valueText is null || !TryParseValue(valueText, out var value))
        {
            return false;
        }
        sample = new MetricSample(name, labels, value);
        return true;
    }

    private static bool TryParseLabels(string text, Dictionary<string, string> labels)
    {
        var position = 0;
        while (position < text.Length)
        {
            var equals = text.IndexOf('=', position);
            if (equals < 0 || equals + 1 >= text.Length || text[equals + 1] != '"')
            {
                return text[position..].Trim().Trim(',').Length == 0;
            }
            var key = text[position..equals].Trim().Trim(',').Trim();
            var value = new System.Text.StringBuilder();
            var i = equals + 2;
            for (; i < text.Length && text[i] != '"'; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                    value.Append(text[i] == 'n' ? '\n' : text[i]);
                }
                else
                {
                    value.Append(text[i]);
                }
            }
            if (i >= text.Length)
            {
                return false;
            }
            labels[key] = value.ToString();
            position = i + 1;
        }
        return true;
    }

    private static bool TryParseValue(string text, out double value) => text switch
    {
        "+Inf" => (value = double.PositiveInfinity) > 0,
        "-Inf" => (value = double.NegativeInfinity) < 0,
        "NaN" => double.IsNaN(value = double.NaN),
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value),
    };
}
