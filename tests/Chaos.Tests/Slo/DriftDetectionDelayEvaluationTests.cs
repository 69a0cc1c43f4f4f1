using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class DriftDetectionDelayEvaluationTests
{
    private static readonly Threshold WithinThirty = new(Comparison.AtMost, 30);

    [Fact]
    public void Evaluate_AlarmAfterDrift_MeasuresTheDelayIgnoringOtherKinds()
    {
        StackSignal[] signals = [new(21, StackSignalKinds.BreakerOpen, "gateway"), new(32, StackSignalKinds.DriftAlarm, "pipeline")];

        var result = DriftDetectionDelayEvaluation.Evaluate(WithinThirty, 20, signals);

        result.Name.ShouldBe(SloDefinitions.DriftDetectionDelay);
        result.Status.ShouldBe(SloStatus.Passed);
        result.Measured.ShouldBe(12);
        result.Definition.ShouldBe(SloDefinitions.DriftDetectionDelayDefinition);
    }

    [Fact]
    public void Evaluate_AlarmOnlyBeforeDrift_FailsAsNeverAlarmed()
    {
        var result = DriftDetectionDelayEvaluation.Evaluate(WithinThirty, 20, [new(5, StackSignalKinds.DriftAlarm, "pipeline")]);

        result.Status.ShouldBe(SloStatus.Failed);
        result.Measured.ShouldBeNull();
        result.Message.ShouldNotBeNull().ShouldContain("never alarmed");
    }

    [Fact]
    public void Evaluate_NoDrift_IsNoData() =>
        DriftDetectionDelayEvaluation.Evaluate(WithinThirty, null, [new(5, StackSignalKinds.DriftAlarm, "pipeline")]).Status.ShouldBe(SloStatus.NoData);

    [Fact]
    public void EvaluateRetraining_FirstRunAfterDrift_MeasuresFromTheDriftStart()
    {
        StackSignal[] signals = [new(10, StackSignalKinds.Retrained, "pipeline"), new(24, StackSignalKinds.DriftAlarm, "pipeline"), new(41, StackSignalKinds.Retrained, "pipeline")];

        var result = DriftDetectionDelayEvaluation.EvaluateRetraining(WithinThirty, 20, signals);

        result.Name.ShouldBe(SloDefinitions.TimeToRetrain);
        result.Status.ShouldBe(SloStatus.Passed);
        result.Measured.ShouldBe(21);
        result.Definition.ShouldBe(SloDefinitions.TimeToRetrainDefinition);
    }

    [Fact]
    public void EvaluateRetraining_AlarmButNoRun_FailsAsNeverRetrained()
    {
        var result = DriftDetectionDelayEvaluation.EvaluateRetraining(WithinThirty, 20, [new(22, StackSignalKinds.DriftAlarm, "pipeline")]);

        result.Status.ShouldBe(SloStatus.Failed);
        result.Message.ShouldNotBeNull().ShouldContain("never retrained");
    }

    [Fact]
    public void EvaluateRetraining_TooSlow_Fails() =>
        DriftDetectionDelayEvaluation.EvaluateRetraining(WithinThirty, 20, [new(55, StackSignalKinds.Retrained, "pipeline")]).Status.ShouldBe(SloStatus.Failed);
}
