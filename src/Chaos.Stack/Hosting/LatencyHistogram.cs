using System.Globalization;
using System.Text;

namespace Chaos.Stack.Hosting;

/// <summary>A lock-free Prometheus histogram of durations in seconds with fixed buckets.</summary>
public sealed class LatencyHistogram
{
    private static readonly double[] UpperBounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly long[] bucketCounts = new long[UpperBounds.Length];
    private long count;
    private long sumTicks;

    /// <summary>Records one observation.</summary>
    public void Record(TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        var bucket = Array.FindIndex(UpperBounds, bound => seconds <= bound);
        if (bucket >= 0)
        {
            Interlocked.Increment(ref bucketCounts[bucket]);
        }

        Interlocked.Add(ref sumTicks, duration.Ticks);
        Interlocked.Increment(ref count);
    }

    /// <summary>Appends the histogram's series (cumulative buckets, sum, count) in Prometheus text format.</summary>
    public void WriteTo(StringBuilder text, string name, string help)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" histogram\n");
        long cumulative = 0;
        for (var i = 0; i < UpperBounds.Length; i++)
        {
            cumulative += Interlocked.Read(ref bucketCounts[i]);
            text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{le=\"{UpperBounds[i]}\"}} {cumulative}\n");
        }

        var total = Interlocked.Read(ref count);
        text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{le=\"+Inf\"}} {total}\n");
        text.Append(CultureInfo.InvariantCulture, $"{name}_sum {TimeSpan.FromTicks(Interlocked.Read(ref sumTicks)).TotalSeconds}\n");
        text.Append(CultureInfo.InvariantCulture, $"{name}_count {total}\n");
    }
}
