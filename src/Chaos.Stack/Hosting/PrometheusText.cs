using System.Globalization;
using System.Text;

namespace Chaos.Stack.Hosting;

/// <summary>Helpers for the Prometheus text exposition format.</summary>
public static class PrometheusText
{
    /// <summary>The content type Prometheus scrapes.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Escapes a label value.</summary>
    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Appends a gauge with one series.</summary>
    public static void Gauge(StringBuilder text, string name, string help, double value, params (string Name, string Value)[] labels)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" gauge\n");
        GaugeSeries(text, name, value, labels);
    }

    /// <summary>Appends a counter with one unlabelled series.</summary>
    public static void Counter(StringBuilder text, string name, string help, long value)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" counter\n");
        text.Append(CultureInfo.InvariantCulture, $"{name} {value}\n");
    }

    /// <summary>Appends a counter with one labelled series of a real value (seconds, bytes).</summary>
    public static void Counter(StringBuilder text, string name, string help, double value, params (string Name, string Value)[] labels)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" counter\n");
        GaugeSeries(text, name, value, labels);
    }

    /// <summary>Appends one more series of a gauge whose HELP and TYPE lines are already written.</summary>
    public static void GaugeSeries(StringBuilder text, string name, double value, params (string Name, string Value)[] labels)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(string.Join(",", labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\""))).Append('}');
        }

        text.Append(CultureInfo.InvariantCulture, $" {value}\n");
    }

    /// <summary>
    /// The samples of a scrape: each series (name and labels, as written) with its value. Comments, blank lines and lines
    /// whose value is not a number are skipped.
    /// </summary>
    public static IEnumerable<(string Series, double Value)> Samples(string text)
    {
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            if (space > 0 && double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                yield return (line[..space], value);
            }
        }
    }
}
