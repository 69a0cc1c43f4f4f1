using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.Tests.Reporting;

public sealed class RunMarkersTests
{
    [Fact]
    public void From_SignalsAroundAFault_DetectionIsTheFirstKnownSignalAtOrAfterIt()
    {
        var report = With(
            SampleReports.Event(20, "stack.signal", ("kind", "breaker-open"), ("replica", "inference-1")), // before the fault: not detection
            SampleReports.Event(30, RunEvent.Types.FaultInjected, ("kind", "container.kill")),
            SampleReports.Event(30.5, "stack.signal", ("kind", "replica-replaced"), ("replica", "inference-1")), // not a detection kind
            SampleReports.Event(31.2, "stack.signal", ("kind", "replica-unready"), ("replica", "inference-1")),
            SampleReports.Event(33, "stack.signal", ("kind", "breaker-open"), ("replica", "inference-1")));

        var markers = RunMarkers.From(report);

        markers.Where(m => m.Kind == RunMarkers.Detection).ShouldHaveSingleItem().Seconds.ShouldBe(31.2);
        markers.Single(m => m.Kind == RunMarkers.Detection).Label.ShouldBe("detected: replica-unready inference-1");
    }

    [Fact]
    public void From_FailoverSignals_EachIsAMarker()
    {
        var report = With(
            SampleReports.Event(30, RunEvent.Types.FaultInjected, ("kind", "region.loss")),
            SampleReports.Event(32, "stack.signal", ("kind", "failover"), ("replica", "gateway-b")),
            SampleReports.Event(50, "stack.signal", ("kind", "failover"), ("replica", "gateway-a")));

        RunMarkers.From(report).Where(m => m.Kind == RunMarkers.Failover).Select(m => m.Seconds).ShouldBe([32, 50]);
    }

    [Fact]
    public void From_MeasuredTimeToRecover_RecoveryIsTheFirstFaultPlusIt()
    {
        var report = With(SampleReports.Event(30, RunEvent.Types.FaultInjected, ("kind", "container.kill"))) with
        {
            Slos = [new SloResult(SloDefinitions.TimeToRecover, "<= 10s", 4.5, 5.5, SloStatus.Passed, SloDefinitions.SecondsUnit, "", 10)],
        };

        RunMarkers.From(report).Single(m => m.Kind == RunMarkers.Recovery).Seconds.ShouldBe(34.5);
    }

    [Fact]
    public void From_NoFault_NoMarkers()
    {
        var report = With(SampleReports.Event(33, "stack.signal", ("kind", "breaker-open"), ("replica", "inference-1"))) with
        {
            Slos = [new SloResult(SloDefinitions.TimeToRecover, "<= 10s", 4.5, 5.5, SloStatus.Passed, SloDefinitions.SecondsUnit, "", 10)],
        };

        RunMarkers.From(report).ShouldBeEmpty();
    }

    private static RunReport With(params RunEvent[] events) => SampleReports.Failed() with { Events = events, Slos = [] };
}
