using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Chaos.Stack.Hosting;

/// <summary>A Prometheus counter with one set of label values per series, thread-safe.</summary>
public sealed class LabelledCounter(string name, string help, params string[] labelNames)
{
    private readonly ConcurrentDictionary<string, long> series = new(StringComparer.Ordinal);

    /// <summary>Adds one to the series with these label values (in the order of the label names).</summary>
    public void Increment(params string[] labelValues)
    {
        if (labelValues.Length != labelNames.Length)
        {
            throw new ArgumentException($"Counter {name} takes {labelNames.Length} label values.", nameof(labelValues));
        }

        var key = string.Join(",", labelNames.Zip(labelValues, (label, value) => $"{label}=\"{PrometheusText.Escape(value)}\""));
        series.AddOrUpdate(key, 1, static (_, current) => current + 1);
    }

    /// <summary>The current value of the series with these label values; 0 when never incremented.</summary>
    public long Value(params string[] labelValues)
    {
        var key = string.Join(",", labelNames.Zip(labelValues, (label, value) => $"{label}=\"{PrometheusText.Escape(value)}\""));
        return series.GetValueOrDefault(key);
    }

    /// <summary>Appends every series in Prometheus text format.</summary>
    public void WriteTo(StringBuilder text)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" counter\n");
        foreach (var (labels, value) in series.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {value}\n");
        }
    }
}
