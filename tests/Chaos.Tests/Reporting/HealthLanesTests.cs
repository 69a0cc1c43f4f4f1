using Chaos.Reporting;
using static Chaos.Reporting.HealthLanes;

namespace Chaos.Tests.Reporting;

public sealed class HealthLanesTests
{
    private const string RunId = "20250102-030405-abcd";

    [Fact]
    public void From_KilledAndReplacedReplica_IsDownThenNotReadyThenReady()
    {
        var lanes = HealthLanes.From(
        [
            SampleReports.Event(1, RunEvent.Types.StackUp, ("members", new[] { "gateway", "inference-1" })),
            Docker(10, "kill"),
            Docker(10.2, "die"),
            Docker(11, "start"),
            SampleReports.Event(11.5, "observe.health", ("member", "inference-1"), ("role", "inference"), ("ready", false)),
            SampleReports.Event(14, "observe.health", ("member", "inference-1"), ("role", "inference"), ("ready", true)),
        ], RunId, 30);

        var replica = lanes.Single(l => l.Member == "inference-1");
        replica.Role.ShouldBe("inference");
        replica.Segments.ShouldBe(
        [
            new Segment(0, 10, State.Ready), new Segment(10, 11, State.Down), new Segment(11, 11.5, State.Ready),
            new Segment(11.5, 14, State.NotReady), new Segment(14, 30, State.Ready),
        ]);
        lanes.Single(l => l.Member == "gateway").Segments.ShouldBe([new Segment(0, 30, State.Ready)]);
    }

    [Fact]
    public void From_BreakerOpenThenClosed_MarksTheReplicaAsTheGatewaySeesIt()
    {
        var lanes = HealthLanes.From(
        [
            SampleReports.Event(5, "stack.signal", ("kind", "breaker-open"), ("source", "gateway"), ("replica", "inference-2")),
            SampleReports.Event(9, "stack.signal", ("kind", "breaker-closed"), ("source", "gateway"), ("replica", "inference-2")),
        ], RunId, 20);

        lanes.Single().Segments.ShouldBe([new Segment(0, 5, State.Ready), new Segment(5, 9, State.BreakerOpen), new Segment(9, 20, State.Ready)]);
    }

    [Fact]
    public void From_PausedReplica_IsPausedUntilUnpaused()
    {
        var lanes = HealthLanes.From([Docker(3, "pause"), Docker(8, "unpause")], RunId, 10);

        lanes.Single().Segments.ShouldBe([new Segment(0, 3, State.Ready), new Segment(3, 8, State.Paused), new Segment(8, 10, State.Ready)]);
    }

    [Fact]
    public void From_DownAndBreakerOpenAtOnce_ShowsTheWorse()
    {
        var lanes = HealthLanes.From(
        [
            SampleReports.Event(2, "stack.signal", ("kind", "breaker-open"), ("replica", "inference-1")),
            Docker(3, "die"),
            Docker(6, "start"),
        ], RunId, 10);

        lanes.Single().Segments.ShouldBe(
        [
            new Segment(0, 2, State.Ready), new Segment(2, 3, State.BreakerOpen), new Segment(3, 6, State.Down), new Segment(6, 10, State.BreakerOpen),
        ]);
    }

    [Fact]
    public void From_EventsNamingRegions_GroupsLanesByRegion()
    {
        var lanes = HealthLanes.From(
        [
            SampleReports.Event(1, "observe.health", ("member", "inference-b-1"), ("region", "b"), ("ready", false)),
            SampleReports.Event(1, "observe.health", ("member", "inference-a-1"), ("region", "a"), ("ready", false)),
        ], RunId, 5);

        lanes.Select(l => (l.Member, l.Region)).ShouldBe([("inference-a-1", "a"), ("inference-b-1", "b")]);
    }

    [Fact]
    public void From_JournalReadBack_ReadsReadinessFromJsonValues()
    {
        var report = SampleReports.Failed() with
        {
            Events = [SampleReports.Event(4, "observe.health", ("member", "inference-1"), ("ready", false))],
        };
        var readBack = ResultJsonWriter.Deserialize(ResultJsonWriter.Serialize(report))!;

        var lanes = HealthLanes.From(readBack.Events, RunId, 10);

        lanes.Single().Segments.ShouldBe([new Segment(0, 4, State.Ready), new Segment(4, 10, State.NotReady)]);
    }

    [Fact]
    public void Alias_ContainerOfTheRun_LosesTheRunPrefix()
    {
        HealthLanes.Alias($"/chaos-{RunId}-inference-1", RunId).ShouldBe("inference-1");
        HealthLanes.Alias("someone-else", RunId).ShouldBe("someone-else");
    }

    private static RunEvent Docker(double seconds, string action) =>
        SampleReports.Event(seconds, $"docker.{action}", ("container", $"chaos-{RunId}-inference-1"), ("role", "inference"), ("action", action));
}
