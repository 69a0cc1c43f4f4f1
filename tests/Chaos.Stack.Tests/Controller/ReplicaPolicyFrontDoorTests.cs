using Chaos.Stack.Controller;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Stack.Tests.Controller;

/// <summary>
/// Scaling on the front door's signals: replicas starved of CPU report nothing in flight and fast handlers while requests
/// queue in front of them (measured on load-surge at 0.1 CPU: scaled in at "mean in-flight 0" while the p99 stayed above
/// 1.2 s); the gateway's in-flight count and p99 see that queue.
/// </summary>
public sealed class ReplicaPolicyFrontDoorTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly ControllerOptions Options = new()
    {
        RunId = "run-1", MinReplicas = 2, MaxReplicas = 4, Cooldown = TimeSpan.FromSeconds(10),
        ScaleOutQueue = 8, ScaleInQueue = 1, ScaleOutLatency = TimeSpan.FromMilliseconds(300),
        ScaleOutQueueDepth = 2, ScaleOutUtilization = 0.85, ScaleInUtilization = 0.3,
        ScaleOutIntervals = 3, ScaleInIntervals = 3,
    };

    // What the starved replicas report of themselves: nothing in flight, fast handlers, no queue, low utilisation.
    private static ClusterObservation Starved(double? frontDoorPerReplica, double? frontDoorP99Ms, int replicas = 2) =>
        new(Enumerable.Range(1, replicas).Select(i => new ReplicaObservation($"c{i}", $"inference-{i}", i, true, true)).ToList(), 0, TimeSpan.FromMilliseconds(20))
        {
            MeanQueueDepth = 0,
            MeanUtilization = 0.1,
            FrontDoorInFlightPerReplica = frontDoorPerReplica,
            FrontDoorP99Latency = frontDoorP99Ms is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        };

    private List<ControllerAction> Run(ReplicaPolicy policy, int intervals, ClusterObservation observation)
    {
        var actions = new List<ControllerAction>();
        for (var i = 0; i < intervals; i++)
        {
            actions.AddRange(policy.Decide(observation));
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        return actions;
    }

    [Fact]
    public void Decide_FrontDoorQueueWhileReplicasLookIdle_ScalesOutNotIn()
    {
        var policy = new ReplicaPolicy(Options, clock);

        var action = Run(policy, 3, Starved(frontDoorPerReplica: 40, frontDoorP99Ms: 100, replicas: 3)).ShouldHaveSingleItem();

        action.Kind.ShouldBe(ActionKind.ScaleOut);
        action.Reason.ShouldContain("front door in-flight 40 per replica > 8");
    }

    [Fact]
    public void Decide_FrontDoorSlowWhileReplicasLookFast_ScalesOut()
    {
        var policy = new ReplicaPolicy(Options, clock);

        var action = Run(policy, 3, Starved(frontDoorPerReplica: 2, frontDoorP99Ms: 1300)).ShouldHaveSingleItem();

        action.Kind.ShouldBe(ActionKind.ScaleOut);
        action.Reason.ShouldContain("front door p99 1300ms > 300ms");
    }

    [Fact]
    public void Decide_FrontDoorBetweenTheThresholds_NeitherScalesOutNorIn()
    {
        var policy = new ReplicaPolicy(Options, clock);

        Run(policy, 6, Starved(frontDoorPerReplica: 3, frontDoorP99Ms: 120, replicas: 3)).ShouldBeEmpty();
    }

    [Fact]
    public void Decide_FrontDoorIdleToo_ScalesIn()
    {
        var policy = new ReplicaPolicy(Options, clock);

        Run(policy, 3, Starved(frontDoorPerReplica: 0.2, frontDoorP99Ms: 15, replicas: 3)).ShouldHaveSingleItem().Kind.ShouldBe(ActionKind.ScaleIn);
    }

    [Fact]
    public void Decide_NoFrontDoor_TheReplicasSignalsAlone()
    {
        var policy = new ReplicaPolicy(Options, clock);

        Run(policy, 3, Starved(frontDoorPerReplica: null, frontDoorP99Ms: null, replicas: 3)).ShouldHaveSingleItem().Kind.ShouldBe(ActionKind.ScaleIn);
    }

    [Fact]
    public void ParseFrontDoor_GatewayText_ReadsItsInFlightGaugeAndLatencyBuckets()
    {
        const string text = """
            # TYPE chaos_gateway_requests_in_flight gauge
            chaos_gateway_requests_in_flight 37
            chaos_gateway_request_duration_seconds_bucket{le="0.1"} 10
            chaos_gateway_request_duration_seconds_bucket{le="+Inf"} 12
            chaos_inference_requests_in_flight 3
            """;

        var metrics = ReplicaMetrics.ParseFrontDoor(text).ShouldNotBeNull();

        metrics.InFlight.ShouldBe(37);
        metrics.CumulativeBuckets[0.1].ShouldBe(10);
        metrics.CumulativeBuckets[double.PositiveInfinity].ShouldBe(12);
        ReplicaMetrics.ParseFrontDoor("chaos_inference_requests_in_flight 3").ShouldBeNull();
    }
}
