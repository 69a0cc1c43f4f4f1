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
}
