using Chaos.Stack.Controller;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Stack.Tests.Controller;

/// <summary>Scaling on the inference nodes' queue depth and accelerator utilisation (their CPU stand-in here).</summary>
public sealed class ReplicaPolicyAiSignalTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly ControllerOptions Options = new()
    {
        RunId = "run-1", MinReplicas = 2, MaxReplicas = 4, Cooldown = TimeSpan.FromSeconds(10),
        ScaleOutQueue = 8, ScaleInQueue = 1, ScaleOutLatency = TimeSpan.FromMilliseconds(200),
        ScaleOutQueueDepth = 2, ScaleOutUtilization = 0.85, ScaleInUtilization = 0.3,
        ScaleOutIntervals = 2, ScaleInIntervals = 3,
    };

    private static ReplicaObservation Replica(int ordinal) => new($"c{ordinal}", $"inference-{ordinal}", ordinal, true, true);

    private static ClusterObservation Cluster(double? depth, double? utilization, int replicas = 2) =>
        new(Enumerable.Range(1, replicas).Select(i => Replica(i)).ToList(), 0.5, TimeSpan.FromMilliseconds(20))
        {
            MeanQueueDepth = depth,
            MeanUtilization = utilization,
        };

    private IReadOnlyList<ControllerAction> Step(ReplicaPolicy policy, ClusterObservation observation)
    {
        var actions = policy.Decide(observation);
        clock.Advance(TimeSpan.FromSeconds(1));
        return actions;
    }

    [Fact]
    public void Decide_QueueDepthAboveThresholdForTwoIntervals_ScalesOut()
    {
        var policy = new ReplicaPolicy(Options, clock);

        Step(policy, Cluster(3, 0.5)).ShouldBeEmpty();
        var second = Step(policy, Cluster(3, 0.5));

        second.ShouldHaveSingleItem().Reason.ShouldContain("queue depth 3");
    }

    [Fact]
    public void Decide_UtilisationAboveThresholdForTwoIntervals_ScalesOut()
    {
        var policy = new ReplicaPolicy(Options, clock);

        Step(policy, Cluster(0, 0.95));
        var second = Step(policy, Cluster(0, 0.95));

        second.ShouldHaveSingleItem().Reason.ShouldContain("accelerator utilisation 0.95");
    }

    [Fact]
    public void Decide_UtilisationBetweenTheThresholds_NeitherScalesOutNorIn()
    {
        var policy = new ReplicaPolicy(Options, clock);

        Enumerable.Range(0, 6).SelectMany(_ => Step(policy, Cluster(0, 0.5, replicas: 3))).ShouldBeEmpty();
    }

    [Fact]
    public void Decide_IdleQueueAndLowUtilisationForThreeIntervals_ScalesIn()
    {
        var policy = new ReplicaPolicy(Options, clock);

        var actions = Enumerable.Range(0, 3).SelectMany(_ => Step(policy, Cluster(0, 0.1, replicas: 3))).ToList();

        actions.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            a => a.Kind.ShouldBe(ActionKind.ScaleIn),
            a => a.Alias.ShouldBe("inference-3"));
    }

    [Fact]
    public void Validate_ScaleInUtilisationNotBelowScaleOut_IsAnError()
    {
        (Options with { ScaleInUtilization = 0.9 }).Validate().ShouldContain(e => e.Contains("--scale-in-utilization"));
    }
}
