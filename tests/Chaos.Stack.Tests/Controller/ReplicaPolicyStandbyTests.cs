using Chaos.Stack.Controller;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Stack.Tests.Controller;

/// <summary>A standby region's controller: parked replicas stay stopped until a failover activates it, then it scales up.</summary>
public sealed class ReplicaPolicyStandbyTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static ControllerOptions Standby(int min) => new()
    {
        RunId = "run-1", Role = "inference-b", MinReplicas = min, MaxReplicas = 4, ActivateMinReplicas = 2, Autoscaling = false,
    };

    private static ReplicaObservation Replica(int ordinal, bool running = true, bool ready = true) =>
        new($"c{ordinal}", $"inference-b-{ordinal}", ordinal, running, ready);

    private static ClusterObservation Cluster(params ReplicaObservation[] replicas) => new(replicas, null, null);

    [Fact]
    public void Decide_ColdStandbyBeforeActivation_LeavesItsStoppedReplicaAloneAndReportsNothing()
    {
        var policy = new ReplicaPolicy(Standby(min: 0), clock);

        policy.Decide(Cluster(Replica(1, running: false))).ShouldBeEmpty();
        policy.MinReplicas.ShouldBe(0);
    }

    [Fact]
    public void Decide_ColdStandbyActivated_StartsItsReplicaAndAddsOneToTheActivationMinimum()
    {
        var policy = new ReplicaPolicy(Standby(min: 0), clock);

        policy.Activate().ShouldBeTrue();
        var actions = policy.Decide(Cluster(Replica(1, running: false)));

        policy.MinReplicas.ShouldBe(2);
        actions.Select(a => (a.Kind, a.Alias)).ShouldBe([
            (ActionKind.ReportUnready, "inference-b-1"),
            (ActionKind.Replace, "inference-b-1"),
            (ActionKind.ScaleOut, "inference-b-2"),
        ]);
    }

    [Fact]
    public void Decide_WarmStandby_HealsItsWarmReplicaBeforeActivationAndScalesUpAfter()
    {
        var policy = new ReplicaPolicy(Standby(min: 1), clock);

        policy.Decide(Cluster(Replica(1, running: false))).Select(a => a.Kind).ShouldBe([ActionKind.ReportUnready, ActionKind.Replace]);
        policy.Decide(Cluster(Replica(1))).ShouldBeEmpty();
        policy.Activate();
        policy.Decide(Cluster(Replica(1))).ShouldBe([
            new ControllerAction(ActionKind.ScaleOut, "inference-b-2", null, "1 replicas, below the minimum of 2"),
        ]);
    }

    [Fact]
    public void Activate_Twice_OnlyTheFirstCallActivates()
    {
        var policy = new ReplicaPolicy(Standby(min: 1), clock);

        policy.Activate().ShouldBeTrue();
        policy.Activate().ShouldBeFalse();
        policy.MinReplicas.ShouldBe(2);
    }

    [Fact]
    public void Validate_ActivateMinWithoutAdminToken_Explains()
    {
        var options = new ControllerOptions { RunId = "run-1", MinReplicas = 1, MaxReplicas = 4, ActivateMinReplicas = 2 };

        options.Validate().ShouldContain(e => e.Contains("--activate-min needs --admin-token", StringComparison.Ordinal));
    }

    [Fact]
    public void Activate_NotAStandby_ChangesNothing()
    {
        var policy = new ReplicaPolicy(new ControllerOptions { RunId = "run-1", MinReplicas = 2 }, clock);

        policy.Activate().ShouldBeFalse();
        policy.MinReplicas.ShouldBe(2);
    }

    [Theory]
    [InlineData(0, null, "--min must be at least 1")]
    [InlineData(0, 5, "--activate-min (5) must lie between")]
    [InlineData(2, 1, "--activate-min (1) must lie between")]
    public void Validate_StandbySettingsOutOfOrder_Explains(int min, int? activate, string expected)
    {
        var options = new ControllerOptions { RunId = "run-1", MinReplicas = min, MaxReplicas = 4, ActivateMinReplicas = activate };

        options.Validate().ShouldContain(e => e.Contains(expected, StringComparison.Ordinal));
    }
}
