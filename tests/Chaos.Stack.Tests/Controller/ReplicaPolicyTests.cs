using Chaos.Stack.Controller;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Stack.Tests.Controller;

public sealed class ReplicaPolicyTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly ControllerOptions Defaults = new()
    {
        RunId = "run-1",
        MinReplicas = 2,
        MaxReplicas = 4,
        Cooldown = TimeSpan.FromSeconds(10),
        ScaleOutQueue = 8,
        ScaleInQueue = 1,
        ScaleOutLatency = TimeSpan.FromMilliseconds(200),
        ScaleOutIntervals = 2,
        ScaleInIntervals = 3,
        UnreadyProbes = 3,
        ReplaceBackoff = TimeSpan.FromSeconds(30),
    };

    private static ReplicaObservation Replica(int ordinal, bool running = true, bool ready = true) =>
        new($"c{ordinal}", $"inference-{ordinal}", ordinal, running, ready);

    private static ClusterObservation Cluster(double? inFlight, double? p99Milliseconds, params ReplicaObservation[] replicas) =>
        new(replicas, inFlight, p99Milliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null);

    private static ClusterObservation Steady(params ReplicaObservation[] replicas) => Cluster(3, 50, replicas);

    private IReadOnlyList<ControllerAction> Step(ReplicaPolicy policy, ClusterObservation observation)
    {
        var actions = policy.Decide(observation);
        clock.Advance(TimeSpan.FromSeconds(1));
        return actions;
    }

    private ReplicaPolicy Policy(ControllerOptions? options = null) => new(options ?? Defaults, clock);

    [Fact]
    public void Decide_HealthyReplicasBetweenThresholds_DoesNothing()
    {
        var policy = Policy();
        for (var i = 0; i < 10; i++)
        {
            Step(policy, Steady(Replica(1), Replica(2))).ShouldBeEmpty();
        }
    }

    [Fact]
    public void Decide_ContainerNotRunning_ReportsAndReplacesItAtOnce()
    {
        var actions = Policy().Decide(Steady(Replica(1), Replica(2, running: false)));

        actions.ShouldBe([
            new ControllerAction(ActionKind.ReportUnready, "inference-2", "c2", "container not running"),
            new ControllerAction(ActionKind.Replace, "inference-2", "c2", "container not running"),
        ]);
    }

    [Fact]
    public void Decide_ReadinessFailsTwice_DoesNotReplaceUntilTheThirdFailure()
    {
        var policy = Policy();
        Step(policy, Steady(Replica(1), Replica(2, ready: false))).ShouldBeEmpty();
        Step(policy, Steady(Replica(1), Replica(2, ready: false))).ShouldBeEmpty();

        var third = Step(policy, Steady(Replica(1), Replica(2, ready: false)));

        third.Select(a => a.Kind).ShouldBe([ActionKind.ReportUnready, ActionKind.Replace]);
        third[1].Reason.ShouldContain("3 consecutive");
    }

    [Fact]
    public void Decide_RunningReplicaLeavesProbesUnanswered_ReportedAtTheThirdButReplacedOnlyAtTheTenth()
    {
        // Timeouts alone cannot tell a dead replica from one too busy to answer: it gets UnansweredProbes, not UnreadyProbes.
        var policy = Policy(Defaults with { UnansweredProbes = 10 });
        var silent = Replica(2, ready: false) with { Answered = false };
        var actions = Enumerable.Range(1, 9).Select(_ => Step(policy, Steady(Replica(1), silent))).ToList();

        actions.Take(2).ShouldAllBe(a => a.Count == 0);
        actions[2].ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            a => a.Kind.ShouldBe(ActionKind.ReportUnready),
            a => a.Reason.ShouldContain("may only be overloaded"));
        actions.Skip(3).ShouldAllBe(a => a.Count == 0);

        Step(policy, Steady(Replica(1), silent)).ShouldBe([
            new ControllerAction(ActionKind.Replace, "inference-2", "c2", "/v2/health/ready unanswered 10 consecutive times")]);
    }

    [Fact]
    public void Decide_PausedReplica_ReplacedAtTheThirdUnansweredProbe()
    {
        var policy = Policy(Defaults with { UnansweredProbes = 10 });
        var paused = Replica(2, ready: false) with { Answered = false, Paused = true };
        Step(policy, Steady(Replica(1), paused)).ShouldBeEmpty();
        Step(policy, Steady(Replica(1), paused)).ShouldBeEmpty();

        var third = Step(policy, Steady(Replica(1), paused));

        third.Select(a => a.Kind).ShouldBe([ActionKind.ReportUnready, ActionKind.Replace]);
        third[1].Reason.ShouldBe("/v2/health/ready failed 3 consecutive times: container paused");
    }

    [Fact]
    public void Decide_SilentReplicaAnswersAgainBeforeTheLimit_NeverReplaced()
    {
        var policy = Policy(Defaults with { UnansweredProbes = 10 });
        var silent = Replica(2, ready: false) with { Answered = false };
        var actions = new List<ControllerAction>();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 9; i++)
            {
                actions.AddRange(Step(policy, Steady(Replica(1), silent)));
            }
            actions.AddRange(Step(policy, Steady(Replica(1), Replica(2))));
        }

        actions.ShouldNotContain(a => a.Kind == ActionKind.Replace);
        actions.Count(a => a.Kind == ActionKind.ReportUnready).ShouldBe(3);
    }

    [Fact]
    public void Decide_ReadinessRecoversBetweenFailures_ResetsTheCount()
    {
        var policy = Policy();
        bool[] probes = [false, false, true, false, false, true, false, false];
        foreach (var ready in probes)
        {
            Step(policy, Steady(Replica(1), Replica(2, ready: ready))).ShouldBeEmpty();
        }
    }

    [Fact]
    public void Decide_SelfHealingOff_ReportsUnreadyOnceAndNeverReplaces()
    {
        var policy = Policy(Defaults with { SelfHealing = false });

        var actions = Enumerable.Range(0, 5).SelectMany(_ => Step(policy, Steady(Replica(1), Replica(2, running: false)))).ToList();

        actions.ShouldBe([new ControllerAction(ActionKind.ReportUnready, "inference-2", "c2", "container not running")]);
    }

    [Fact]
    public void Decide_SameAliasDiesAgainWithinBackoff_WaitsForTheBackoff()
    {
        var policy = Policy();
        Step(policy, Steady(Replica(1), Replica(2, running: false))).ShouldContain(a => a.Kind == ActionKind.Replace);
        var crashed = Replica(2, running: false) with { ContainerId = "c2-replacement" };

        Step(policy, Steady(Replica(1), crashed)).ShouldNotContain(a => a.Kind == ActionKind.Replace);
        clock.Advance(TimeSpan.FromSeconds(30));

        Step(policy, Steady(Replica(1), crashed)).ShouldContain(new ControllerAction(ActionKind.Replace, "inference-2", "c2-replacement", "container not running"));
    }

    [Fact]
    public void Decide_ReplicaRemovedBelowMinimum_RecreatesTheLowestMissingAlias()
    {
        var actions = Policy().Decide(Steady(Replica(2)));

        actions.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            a => a.Kind.ShouldBe(ActionKind.ScaleOut),
            a => a.Alias.ShouldBe("inference-1"));
    }

    [Fact]
    public void Decide_MeanInFlightAboveThresholdForTwoIntervals_ScalesOutWithTheNextAlias()
    {
        var policy = Policy();

        Step(policy, Cluster(9, 50, Replica(1), Replica(2))).ShouldBeEmpty();
        var second = Step(policy, Cluster(9, 50, Replica(1), Replica(2)));

        second.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            a => a.Kind.ShouldBe(ActionKind.ScaleOut),
            a => a.Alias.ShouldBe("inference-3"),
            a => a.Reason.ShouldContain("in-flight"));
    }

    [Fact]
    public void Decide_P99AboveThresholdForTwoIntervals_ScalesOut()
    {
        var policy = Policy();

        Step(policy, Cluster(0, 250, Replica(1), Replica(3)));
        var second = Step(policy, Cluster(0, 250, Replica(1), Replica(3)));

        second.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            a => a.Alias.ShouldBe("inference-4"),
            a => a.Reason.ShouldContain("p99 250ms"));
    }

    [Fact]
    public void Decide_P99FarAboveThreshold_AddsReplicasInProportionInOneStep()
    {
        var policy = Policy(Defaults with { MaxReplicas = 8 });
        var three = new[] { Replica(1), Replica(2), Replica(3) };

        Step(policy, Cluster(4, 300, three));
        var second = Step(policy, Cluster(4, 300, three));

        // ceil(3 x 300/200) = 5 replicas wanted: two more, with the next aliases, saying why.
        second.Select(a => a.Alias).ShouldBe(["inference-4", "inference-5"]);
        second.ShouldAllBe(a => a.Kind == ActionKind.ScaleOut && a.Reason.Contains("1.5 times the threshold on 3 replicas: adding 2"));
    }

    [Fact]
    public void Decide_OverloadedCluster_AtMostDoublesAndStopsAtTheMaximum()
    {
        var policy = Policy(Defaults with { MaxReplicas = 16 });
        var two = new[] { Replica(1), Replica(2) };

        Step(policy, Cluster(40, 2000, two));
        Step(policy, Cluster(40, 2000, two)).Count.ShouldBe(2);

        var capped = Policy(Defaults with { MaxReplicas = 3 });
        Step(capped, Cluster(40, 2000, two));
        Step(capped, Cluster(40, 2000, two)).ShouldHaveSingleItem().Alias.ShouldBe("inference-3");
    }

    [Fact]
    public void Decide_GatewayShedsWhileReplicasLookCalm_ScalesOutByTheShedDemand()
    {
        var policy = Policy();
        var two = new[] { Replica(1), Replica(2) };
        var shedding = Cluster(5, 150, two) with { ShedFraction = 0.5 };

        Step(policy, shedding).ShouldBeEmpty();
        var second = Step(policy, shedding);

        // Half the attempts refused: twice the demand the replicas took, so twice the replicas.
        second.Select(a => a.Alias).ShouldBe(["inference-3", "inference-4"]);
        second[0].Reason.ShouldStartWith("gateway refused 50% of attempts as busy (> 5%) for 2 intervals");
    }

    [Fact]
    public void Decide_GatewayShedsALittle_NeitherScalesOutNorIn()
    {
        var policy = Policy();
        var three = new[] { Replica(1), Replica(2), Replica(3) };

        Enumerable.Range(0, 6).SelectMany(_ => Step(policy, Cluster(0, 20, three) with { ShedFraction = 0.02 })).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(2, 1.1, 4, 1)]
    [InlineData(2, 1.5, 4, 1)]
    [InlineData(2, 1.6, 4, 2)]
    [InlineData(2, 10, 4, 2)]
    [InlineData(4, 3, 16, 4)]
    [InlineData(3, 2, 4, 1)]
    [InlineData(4, 2, 4, 0)]
    [InlineData(0, 5, 4, 1)]
    public void ScaleOutStep_FollowsTheHpaRuleWithinItsBounds(int current, double pressure, int max, int expected) =>
        ReplicaPolicy.ScaleOutStep(current, pressure, max).ShouldBe(expected);

    [Fact]
    public void Decide_AtMaximum_DoesNotScaleOut()
    {
        var policy = Policy();
        var full = new[] { Replica(1), Replica(2), Replica(3), Replica(4) };

        Enumerable.Range(0, 5).SelectMany(_ => Step(policy, Cluster(50, 900, full))).ShouldBeEmpty();
    }

    [Fact]
    public void Decide_WithinCooldown_DoesNotScaleAgainUntilItPasses()
    {
        var policy = Policy();
        Step(policy, Cluster(9, 50, Replica(1), Replica(2)));
        Step(policy, Cluster(9, 50, Replica(1), Replica(2))).ShouldHaveSingleItem();
        var three = new[] { Replica(1), Replica(2), Replica(3) };

        for (var second = 2; second <= 10; second++)
        {
            Step(policy, Cluster(9, 50, three)).ShouldBeEmpty();
        }

        Step(policy, Cluster(9, 50, three)).ShouldHaveSingleItem().Alias.ShouldBe("inference-4");
    }

    [Fact]
    public void Decide_IdleForThreeIntervals_RemovesTheHighestAlias()
    {
        var policy = Policy();
        var replicas = new[] { Replica(1), Replica(3), Replica(2) };

        Step(policy, Cluster(0, 20, replicas)).ShouldBeEmpty();
        Step(policy, Cluster(0, 20, replicas)).ShouldBeEmpty();
        var third = Step(policy, Cluster(0, 20, replicas));

        third.ShouldBe([new ControllerAction(ActionKind.ScaleIn, "inference-3", "c3", "mean in-flight 0 (0 with one replica fewer) < 1 for 3 intervals")]);
    }

    [Fact]
    public void Decide_LowInFlightThatOneReplicaFewerWouldPushOverTheBound_DoesNotScaleIn()
    {
        var policy = Policy();
        var four = new[] { Replica(1), Replica(2), Replica(3), Replica(4) };

        // 0.8 per replica on four is 1.07 on three: not idle. 0.7 is 0.93 on three: idle.
        Enumerable.Range(0, 5).SelectMany(_ => Step(policy, Cluster(0.8, 20, four))).ShouldBeEmpty();
        Enumerable.Range(0, 3).SelectMany(_ => Step(policy, Cluster(0.7, 20, four))).ToList().ShouldHaveSingleItem()
            .Reason.ShouldBe("mean in-flight 0.7 (0.93 with one replica fewer) < 1 for 3 intervals");
    }

    [Fact]
    public void Decide_ReplicasLookIdleButTheGatewayHoldsAQueue_DoesNotScaleIn()
    {
        var policy = Policy();
        var four = new[] { Replica(1), Replica(2), Replica(3), Replica(4) };

        // Throttled replicas read 0 in flight at every scrape; the gateway had 1.2 attempts outstanding per replica
        // (1.6 on three). The same gateway figure at 0.3 lets it scale in, and the reason says where the figure came from.
        Enumerable.Range(0, 5).SelectMany(_ => Step(policy, Cluster(0, 20, four) with { GatewayInFlight = 1.2 })).ShouldBeEmpty();
        Enumerable.Range(0, 3).SelectMany(_ => Step(policy, Cluster(0, 20, four) with { GatewayInFlight = 0.3 })).ToList().ShouldHaveSingleItem()
            .Reason.ShouldBe("mean in-flight at the gateway 0.3 (0.4 with one replica fewer) < 1 for 3 intervals");
    }

    [Fact]
    public void Decide_GatewayQueueOverTheBound_ScalesOutOnIt()
    {
        var policy = Policy();
        var two = new[] { Replica(1), Replica(2) };
        var queued = Cluster(1, 20, two) with { GatewayInFlight = 12 };

        Step(policy, queued).ShouldBeEmpty();
        var second = Step(policy, queued);

        // 12 outstanding per replica against a bound of 8: 1.5 times the threshold, so one more replica (ceil(2 x 1.5) - 2).
        second.ShouldHaveSingleItem().Reason.ShouldBe("mean in-flight at the gateway 12 > 8 for 2 intervals");
    }

    [Fact]
    public void Decide_ReplicasCountMoreInFlightThanTheGateway_UsesTheReplicas()
    {
        var policy = Policy();
        var four = new[] { Replica(1), Replica(2), Replica(3), Replica(4) };

        Enumerable.Range(0, 5).SelectMany(_ => Step(policy, Cluster(1.2, 20, four) with { GatewayInFlight = 0.1 })).ShouldBeEmpty();
    }

    [Fact]
    public void Decide_IdleButAReplicaUnobserved_DoesNotScaleIn()
    {
        var policy = Policy();
        var three = new[] { Replica(1), Replica(2), Replica(3) };
        var starved = Cluster(0, 20, three) with { Unobserved = 1 };

        Enumerable.Range(0, 5).SelectMany(_ => Step(policy, starved)).ShouldBeEmpty();
        Enumerable.Range(0, 3).SelectMany(_ => Step(policy, Cluster(0, 20, three))).ToList().ShouldHaveSingleItem().Kind.ShouldBe(ActionKind.ScaleIn);
    }

    [Fact]
    public void Decide_IdleAtMinimum_DoesNotScaleIn()
    {
        var policy = Policy();

        Enumerable.Range(0, 10).SelectMany(_ => Step(policy, Cluster(0, null, Replica(1), Replica(2)))).ShouldBeEmpty();
    }

    [Fact]
    public void Decide_IdleButP99AboveScaleInBound_DoesNotScaleIn()
    {
        var policy = Policy();
        var replicas = new[] { Replica(1), Replica(2), Replica(3) };

        Enumerable.Range(0, 10).SelectMany(_ => Step(policy, Cluster(0, 150, replicas))).ShouldBeEmpty();
    }

    [Fact]
    public void Decide_SignalFlapsEveryInterval_NeverScales()
    {
        var policy = Policy();
        var replicas = new[] { Replica(1), Replica(2), Replica(3) };

        Enumerable.Range(0, 20).SelectMany(i => Step(policy, Cluster(i % 2 == 0 ? 20 : 0, 20, replicas))).ShouldBeEmpty();
    }

    [Fact]
    public void Decide_AutoscalingOff_NeverScales()
    {
        var policy = Policy(Defaults with { Autoscaling = false });

        Enumerable.Range(0, 5).SelectMany(_ => Step(policy, Cluster(50, 900, Replica(1), Replica(2)))).ShouldBeEmpty();
        Enumerable.Range(0, 5).SelectMany(_ => Step(policy, Cluster(0, 1, Replica(1), Replica(2), Replica(3)))).ShouldBeEmpty();
    }

    [Fact]
    public void Decide_ReplicaBeingReplaced_SkipsScalingThatInterval()
    {
        var policy = Policy();
        Step(policy, Cluster(20, 50, Replica(1), Replica(2)));

        var actions = Step(policy, Cluster(20, 50, Replica(1), Replica(2, running: false)));

        actions.Select(a => a.Kind).ShouldBe([ActionKind.ReportUnready, ActionKind.Replace]);
    }

    [Fact]
    public void Decide_NoMetricsScraped_DoesNotScale()
    {
        var policy = Policy();

        Enumerable.Range(0, 5).SelectMany(_ => Step(policy, Cluster(null, null, Replica(1), Replica(2), Replica(3)))).ShouldBeEmpty();
    }
}
