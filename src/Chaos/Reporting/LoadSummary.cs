using Chaos.Load;

namespace Chaos.Reporting;

/// <summary>The load of a run as reported: target and achieved rates and one row per second of the measured window.</summary>
public sealed record LoadSummary(
    double TargetRatePerSecond, double AchievedRatePerSecond, double MeasuredSeconds, long SchedulingLagP99Micros,
    IReadOnlyList<IntervalSummary> Intervals)
{
    /// <summary>Where second 0 of <see cref="Intervals"/> starts on the run clock of the journal events.</summary>
    public double MeasuredStartSeconds { get; init; }

    public static LoadSummary Empty { get; } = new(0, 0, 0, 0, []);

    public static LoadSummary From(LoadResult load) => new(
        load.TargetRatePerSecond, load.AchievedRatePerSecond, load.MeasuredDuration.TotalSeconds, load.SchedulingLagP99Micros,
        load.Intervals.OrderBy(i => i.Index).Select(Summarize).ToList())
    {
        MeasuredStartSeconds = load.MeasuredStartSeconds,
    };

    private static IntervalSummary Summarize(LoadInterval interval)
    {
        var latency = interval.Latency;
        double? Millis(double percentile) => latency.TotalCount == 0 ? null : latency.GetValueAtPercentile(percentile) / 1000d;
        return new IntervalSummary(
            interval.Index, interval.Intended, interval.Count(Outcome.Ok), interval.Count(Outcome.Degraded),
            interval.Count(Outcome.ClientError), interval.Count(Outcome.ServerError), interval.Count(Outcome.Timeout),
            interval.Count(Outcome.ConnectionError), interval.Count(Outcome.Dropped), Millis(50), Millis(99))
        {
            P95Ms = Millis(95),
        };
    }
}
