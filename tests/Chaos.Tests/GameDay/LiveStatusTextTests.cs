using Chaos.GameDay;
using Chaos.Load;
using Chaos.Observe;
using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.Tests.GameDay;

/// <summary>The panel's region and drift lines, from the answers' regions and the journal.</summary>
public sealed class LiveStatusTextTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Regions_OneRegionStack_NotShown() => LiveStatusTracker.Regions(null).ShouldBeNull();

    [Fact]
    public void Regions_AfterAFailover_SharesByRegionLargestFirst()
    {
        var answers = Enumerable.Range(0, 97).Select(i => new RegionAnswer(i * 0.1, Outcome.Ok, "b"))
            .Concat(Enumerable.Range(0, 3).Select(i => new RegionAnswer(i * 0.1, Outcome.Degraded, "a")))
            .Concat([new RegionAnswer(1, Outcome.ServerError, ""), new RegionAnswer(1, Outcome.Timeout, "a")])
            .ToList();

        // Failed answers were not served by a region: 97 of 100 served from b.
        LiveStatusTracker.Regions(answers).ShouldBe("b 97%, a 3%");
    }

    [Fact]
    public void Regions_NothingAnswering_SaysSo()
    {
        LiveStatusTracker.Regions([]).ShouldBe("no answers yet");
        LiveStatusTracker.Regions([new RegionAnswer(1, Outcome.ConnectionError, "")]).ShouldBe("no region answering");
    }

    [Fact]
    public void Drift_NoPipeline_NotShown() => LiveStatusTracker.Drift([Member("inference")], [], 10).ShouldBeNull();

    [Fact]
    public void Drift_PipelineBeforeItsFirstWindow_SaysNoWindowYet() =>
        LiveStatusTracker.Drift([Member("pipeline")], [], 10).ShouldBe("no window checked yet");

    [Fact]
    public void Drift_LastWindowAndARecentAlarm_Shown()
    {
        RunEvent[] events =
        [
            Event(20, DataModelEvents.DriftChecked, ("statistic", "psi"), ("feature", "income"), ("value", 0.01), ("threshold", 0.05)),
            Event(31, StackObserver.SignalEvent, ("kind", StackSignalKinds.DriftAlarm), ("source", "pipeline")),
            Event(31, DataModelEvents.DriftChecked, ("statistic", "psi"), ("feature", "debt_ratio"), ("value", 0.4321), ("threshold", 0.05)),
            Event(31, DataModelEvents.DriftChecked, ("statistic", "share"), ("value", 0.25), ("threshold", 0.125)),
        ];

        LiveStatusTracker.Drift([Member("pipeline")], events, 35).ShouldBe("ALARM 4 s ago; PSI debt_ratio 0.432 (threshold 0.05)");
        // The alarm leaves the panel after a while; the last window stays.
        LiveStatusTracker.Drift([Member("pipeline")], events, 31 + LiveStatusTracker.AlarmShownSeconds + 1).ShouldBe("PSI debt_ratio 0.432 (threshold 0.05)");
    }

    [Fact]
    public void Drift_PipelineDown_SaysTheWindowIsOld()
    {
        RunEvent[] events = [Event(20, DataModelEvents.DriftChecked, ("statistic", "psi"), ("feature", "income"), ("value", 0.01), ("threshold", 0.05))];

        LiveStatusTracker.Drift([Member("pipeline", "down")], events, 40).ShouldBe("PSI income 0.01 (threshold 0.05) (pipeline down)");
    }

    private static MemberHealth Member(string role, string state = "ready") => new(role, role, state, null);

    private static RunEvent Event(double seconds, string type, params (string Key, object? Value)[] data) =>
        new(At.AddSeconds(seconds), seconds, type, data.ToDictionary(d => d.Key, d => d.Value));
}
