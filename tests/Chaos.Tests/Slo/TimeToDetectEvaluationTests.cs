using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class TimeToDetectEvaluationTests
{
    private static readonly Threshold WithinFive = new(Comparison.AtMost, 5);

    private static readonly StackSignal[] Signals =
    [
        new(1, StackSignalKinds.ReplicaUnready, "inference-2"),
        new(12.5, StackSignalKinds.Failover, "gateway-a"),
        new(11.25, StackSignalKinds.BreakerOpen, "gateway-a"),
    ];

    [Fact]
    public void Evaluate_SignalsAfterTheFault_MeasuresToTheFirstOne()
    {
        var result = TimeToDetectEvaluation.Evaluate(WithinFive, 10, Signals);

        result.Name.ShouldBe(SloDefinitions.TimeToDetect);
        result.Status.ShouldBe(SloStatus.Passed);
        result.Measured.ShouldBe(1.25);
        result.Margin.ShouldBe(3.75);
        result.Samples.ShouldBe(2);
        result.Target.ShouldBe("<= 5s");
        result.Unit.ShouldBe(SloDefinitions.SecondsUnit);
        result.Message.ShouldBe("first signal: breaker-open from gateway-a");
    }

    [Fact]
    public void Evaluate_SignalAtTheFaultStart_CountsAsZero() =>
        TimeToDetectEvaluation.Evaluate(WithinFive, 11.25, Signals).Measured.ShouldBe(0);

    [Fact]
    public void Evaluate_KindsFilter_IgnoresOtherSignals() =>
        TimeToDetectEvaluation.Evaluate(WithinFive, 10, Signals, [StackSignalKinds.Failover]).Measured.ShouldBe(2.5);

    [Fact]
    public void Evaluate_SlowDetection_Fails()
    {
        var result = TimeToDetectEvaluation.Evaluate(new Threshold(Comparison.AtMost, 1), 10, Signals);

        result.Status.ShouldBe(SloStatus.Failed);
        result.Margin.ShouldBe(-0.25);
    }

    [Fact]
    public void Evaluate_NoSignalAfterTheFault_FailsWithoutAMeasurement()
    {
        var result = TimeToDetectEvaluation.Evaluate(WithinFive, 20, Signals);

        result.Status.ShouldBe(SloStatus.Failed);
        result.Measured.ShouldBeNull();
        result.Margin.ShouldBeNull();
        result.Message.ShouldNotBeNull().ShouldContain("never detected");
    }

    [Fact]
    public void Evaluate_NoFault_IsNoData()
    {
        var result = TimeToDetectEvaluation.Evaluate(WithinFive, null, Signals);

        result.Status.ShouldBe(SloStatus.NoData);
        result.Samples.ShouldBe(0);
        result.Message.ShouldNotBeNull().ShouldContain("no fault");
    }

    [Fact]
    public void Measure_NoSignals_IsNull() => TimeToDetectEvaluation.Measure(3, []).ShouldBeNull();
}
