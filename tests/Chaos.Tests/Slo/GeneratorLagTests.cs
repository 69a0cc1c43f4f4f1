using Chaos.Load;
using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class GeneratorLagTests
{
    private static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(250);

    private static readonly SloSpec Slos = new()
    {
        Latency = new LatencySlo(Threshold, new Threshold(Comparison.AtLeast, 0.99)),
    };

    [Fact]
    public void Undermines_LatencyFailedWithLagAboveATenthOfTheThreshold_Explains()
    {
        var load = Loads.Seconds(10, _ => 0) with { SchedulingLagP99Micros = 26_000 };

        GeneratorLag.Undermines(Slos, load, [Result(SloDefinitions.Latency, SloStatus.Failed)], []).ShouldNotBeNull().ShouldContain("26 ms");
    }

    [Fact]
    public void Undermines_LatencyPassedDespiteLag_TheVerdictStands() =>
        GeneratorLag.Undermines(Slos, Loads.Seconds(10, _ => 0) with { SchedulingLagP99Micros = 500_000 },
            [Result(SloDefinitions.Latency, SloStatus.Passed)], []).ShouldBeNull();

    [Fact]
    public void Undermines_AvailabilityFailedWithLag_TheVerdictStands() =>
        GeneratorLag.Undermines(Slos, Loads.Seconds(10, _ => 0) with { SchedulingLagP99Micros = 500_000 },
            [Result(SloDefinitions.Availability, SloStatus.Failed)], []).ShouldBeNull();

    [Fact]
    public void Undermines_LatencyFailedWithSmallLag_TheVerdictStands() =>
        GeneratorLag.Undermines(Slos, Loads.Seconds(10, _ => 0) with { SchedulingLagP99Micros = 25_000 },
            [Result(SloDefinitions.Latency, SloStatus.Failed)], []).ShouldBeNull();

    [Fact]
    public void Undermines_LatencyAndAnSloLatencyDoesNotDecideFailed_TheVerdictStands() =>
        // A CI run: no-circuit-breaker missed latency with 12.4 ms lag against a 100 ms threshold, and time to detect too.
        GeneratorLag.Undermines(Slos, Loads.Seconds(10, _ => 0) with { SchedulingLagP99Micros = 500_000 },
            [Result(SloDefinitions.Latency, SloStatus.Failed), Result(SloDefinitions.TimeToDetect, SloStatus.Failed)], []).ShouldBeNull();

    [Fact]
    public void Undermines_LatencyMissedEvenFromTheActualSend_TheVerdictStands()
    {
        // 5 of 100 answers a second take 400 ms after they were sent: the stack's own slowness, whatever the lag.
        var load = Recorded(second => Enumerable.Range(0, 100).Select(i => i < 5 ? (400_000L, 400_000L) : (50_000L, 30_000L)));

        GeneratorLag.Undermines(Slos, load, [Result(SloDefinitions.Latency, SloStatus.Failed)], []).ShouldBeNull();
    }

    [Fact]
    public void Undermines_LatencyMissedOnlyBecauseOfTheLag_Explains()
    {
        // 5 of 100 answers a second count 300 ms from the intended time, of which 200 ms was the generator sending late.
        var load = Recorded(second => Enumerable.Range(0, 100).Select(i => i < 5 ? (300_000L, 100_000L) : (30_000L, 30_000L)));

        GeneratorLag.Undermines(Slos, load, [Result(SloDefinitions.Latency, SloStatus.Failed)], []).ShouldNotBeNull()
            .ShouldContain("actual send");
    }

    [Fact]
    public void Undermines_RecoveryMissedEvenFromTheActualSend_TheVerdictStands()
    {
        var slos = Slos with { TimeToRecover = new Threshold(Comparison.AtMost, 2) };
        // Slow from second 3 on, counted either way: never recovered.
        var load = Recorded(second => Enumerable.Range(0, 100).Select(i => second >= 3 && i < 10 ? (400_000L, 400_000L) : (30_000L, 30_000L)));

        GeneratorLag.Undermines(slos, load, [Result(SloDefinitions.TimeToRecover, SloStatus.Failed)], [3]).ShouldBeNull();
    }

    [Fact]
    public void Undermines_RecoveryMissedOnlyBecauseOfTheLag_Explains()
    {
        var slos = Slos with { TimeToRecover = new Threshold(Comparison.AtMost, 2) };
        // From second 3 on, 10 answers a second were late only because the generator sent them late.
        var load = Recorded(second => Enumerable.Range(0, 100).Select(i => second >= 3 && i < 10 ? (400_000L, 50_000L) : (30_000L, 30_000L)));

        GeneratorLag.Undermines(slos, load, [Result(SloDefinitions.TimeToRecover, SloStatus.Failed)], [3]).ShouldNotBeNull()
            .ShouldContain(SloDefinitions.TimeToRecover);
    }

    [Fact]
    public void Undermines_IntervalsRecordedWithoutTheThreshold_CannotConfirmTheFailure()
    {
        // Counted without the SLO's threshold, the intervals cannot say what the latency from the send would have scored.
        var load = Loads.Result(Enumerable.Range(0, 10).Select(s => Loads.Second(s, ok: 100, latencyMicros: 400_000)).ToArray())
            with { SchedulingLagP99Micros = 500_000 };

        GeneratorLag.Undermines(Slos, load, [Result(SloDefinitions.Latency, SloStatus.Failed)], []).ShouldNotBeNull();
    }

    // Ten seconds recorded with the SLO's threshold; each answer is (latency from the intended time, from the actual send).
    private static LoadResult Recorded(Func<int, IEnumerable<(long Intended, long Sent)>> answers)
    {
        var recording = new LoadRecording(10, Threshold);
        foreach (var interval in recording.Intervals)
        {
            foreach (var (intended, sent) in answers(interval.Index))
            {
                LoadRecording.Record(interval, Outcome.Ok, intended, sent);
            }
        }
        return Loads.Result([.. recording.Intervals]) with { SchedulingLagP99Micros = 200_000 };
    }

    private static SloResult Result(string name, SloStatus status) =>
        new(name, "", 0.5, -0.5, status, SloDefinitions.FractionUnit, "", 1000);
}
