using HdrHistogram;

namespace Chaos.Load;

/// <summary>One place that decides the range and precision of every latency histogram.</summary>
public static class LatencyHistograms
{
    /// <summary>Highest trackable latency: 10 minutes in microseconds.</summary>
    public const long HighestMicros = 600_000_000;

    /// <summary>
    /// Two significant digits (1% value resolution): 24 KiB a histogram, so one per second of a 10-minute window keeps
    /// 15 MB, where three digits kept 103 MB (bench/README.md, memory).
    /// </summary>
    public const int SignificantDigits = 2;

    public static LongHistogram Create() => new(HighestMicros, SignificantDigits);

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
