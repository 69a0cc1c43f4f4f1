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
    public LongHistogram Latency => LatencyHistograms.Merge(Intervals.Select(i => i.Latency));
}
