using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class TimeToHealEvaluationTests
{
    private static readonly Threshold Within15 = new(Comparison.AtMost, 15);

    [Fact]
    public void Evaluate_ReplacementReadyAfterTheKill_MeasuresFromTheFaultStart()
    {
        StackSignal[] signals =
        [
            new(-20, StackSignalKinds.ReplicaReady, "controller"),   // start-up, before the measured window
            new(10.2, StackSignalKinds.ReplicaUnready, "controller"),
            new(12.5, StackSignalKinds.ReplicaReady, "controller"),
        ];

        var result = TimeToHealEvaluation.Evaluate(Within15, 10, signals);

        result.Status.ShouldBe(SloStatus.Passed);
        result.Measured!.Value.ShouldBe(2.5, 1e-9);
        result.Name.ShouldBe(SloDefinitions.TimeToHeal);
    }

    [Fact]
    public void Evaluate_NoReadyReplicaAfterTheFault_Fails()
    {
        StackSignal[] signals = [new(-20, StackSignalKinds.ReplicaReady, "controller"), new(10.2, StackSignalKinds.BreakerOpen, "gateway")];

        var result = TimeToHealEvaluation.Evaluate(Within15, 10, signals);

        result.Status.ShouldBe(SloStatus.Failed);
        result.Measured.ShouldBeNull();
        result.Message.ShouldNotBeNull().ShouldContain("never healed");
    }

    [Fact]
    public void Evaluate_NoFault_IsNoData() =>
        TimeToHealEvaluation.Evaluate(Within15, null, [new(3, StackSignalKinds.ReplicaReady, "controller")]).Status.ShouldBe(SloStatus.NoData);

    [Fact]
    public void Evaluate_HealedTooSlowly_Fails() =>
        TimeToHealEvaluation.Evaluate(Within15, 10, [new(30, StackSignalKinds.ReplicaReady, "controller")]).Status.ShouldBe(SloStatus.Failed);
}
