using Chaos.Load;
using Chaos.Scenarios;

namespace Chaos.Tests.Slo;

/// <summary>Builds load results the way the generator does: by recording outcomes into one-second intervals.</summary>
internal static class Loads
{
    public static LoadInterval Second(int index, long ok = 0, long failed = 0, long dropped = 0, long degraded = 0, long latencyMicros = 10_000)
    {
        var interval = new LoadInterval(index);
        for (var i = 0; i < ok; i++)
        {
            interval.Record(Outcome.Ok, latencyMicros);
        }
        for (var i = 0; i < degraded; i++)
        {
            interval.Record(Outcome.Degraded, latencyMicros);
        }
        for (var i = 0; i < failed; i++)
        {
            interval.Record(Outcome.ServerError, 0);
        }
        for (var i = 0; i < dropped; i++)
        {
            interval.Record(Outcome.Dropped, 0);
        }
        return interval;
    }

    public static LoadResult Result(params LoadInterval[] intervals) => new()
    {
        TargetRatePerSecond = 100,
        AchievedRatePerSecond = 100,
        Intervals = intervals,
        SchedulingLagP99Micros = 0,
        MeasuredDuration = TimeSpan.FromSeconds(intervals.Length),
    };

    /// <summary>Seconds 0..count-1, each with 100 requests, healthy except where <paramref name="failedAt"/> says how many failed.</summary>
    public static LoadResult Seconds(int count, Func<int, long> failedAt) =>
        Result(Enumerable.Range(0, count).Select(s => Second(s, ok: 100 - failedAt(s), failed: failedAt(s))).ToArray());

    public static Scenario Scenario(SloSpec slos) => new()
    {
        Name = "test",
        Load = new LoadSpec { RatePerSecond = 100, Duration = TimeSpan.FromSeconds(10) },
        Slos = slos,
    };

    public static readonly SloSpec AllSlos = new()
    {
        Availability = new Threshold(Comparison.AtLeast, 0.99),
        Latency = new LatencySlo(TimeSpan.FromMilliseconds(250), new Threshold(Comparison.AtLeast, 0.99)),
        TimeToRecover = new Threshold(Comparison.AtMost, 10),
    };
}
