using HdrHistogram;

namespace Chaos.Load;

/// <summary>One place that decides the range and precision of every latency histogram.</summary>
public static class LatencyHistograms
{
    /// <summary>Highest trackable latency: 10 minutes in microseconds.</summary>
    public const long HighestMicros = 600_000_000;

    public static LongHistogram Create() => new(HighestMicros, 3);

    public static LongHistogram Merge(IEnumerable<LongHistogram> parts)
    {
        var all = Create();
        foreach (var part in parts)
        {
            all.Add(part);
        }
        return all;
    }
}
