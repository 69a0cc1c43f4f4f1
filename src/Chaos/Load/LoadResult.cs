using HdrHistogram;

namespace Chaos.Load;

/// <summary>What the generator measured over the measured window, plus how well it kept its own schedule.</summary>
public sealed record LoadResult
{
    public required double TargetRatePerSecond { get; init; }
    public required IReadOnlyList<LoadInterval> Intervals { get; init; }
    /// <summary>Requests dispatched on schedule per second of the measured window: sent, or dropped at the in-flight bound.</summary>
    public required double AchievedRatePerSecond { get; init; }
    /// <summary>99th percentile of (actual send time - intended send time), microseconds.</summary>
    public required long SchedulingLagP99Micros { get; init; }
    public required TimeSpan MeasuredDuration { get; init; }
    /// <summary>Where interval 0 starts on the run clock (seconds since the run started, as journal events).</summary>
    public double MeasuredStartSeconds { get; init; }

    public long Intended => Intervals.Sum(i => i.Intended);
    public long Count(Outcome outcome) => Intervals.Sum(i => i.Count(outcome));
    public long Successful => Intervals.Sum(i => i.Successful);
    /// <summary>All successful answers of the window in one histogram (merged once per set of intervals, on first use).</summary>
    public LongHistogram Latency
    {
        get
        {
            // A copy made with `with { Intervals = ... }` carries this cache along: it is valid only for the same intervals.
            if (_latency is not { } cached || !ReferenceEquals(cached.Source, Intervals))
            {
                cached = (Intervals, LatencyHistograms.Merge(Intervals.Select(i => i.Latency)));
                _latency = cached;
            }
            return cached.Histogram;
        }
    }

    private (IReadOnlyList<LoadInterval> Source, LongHistogram Histogram)? _latency;
}
