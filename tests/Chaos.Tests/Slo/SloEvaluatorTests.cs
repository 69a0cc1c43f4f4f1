using Chaos.Load;
using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class SloEvaluatorTests
{
    private static SloResult Evaluate(string name, LoadResult load, SloSpec? slos = null, params double[] faults) =>
        SloEvaluator.Evaluate(Loads.Scenario(slos ?? Loads.AllSlos), load, faults).Single(r => r.Name == name);

    [Fact]
    public void Evaluate_NoTraffic_IsNoDataForEverySlo()
    {
        var results = SloEvaluator.Evaluate(Loads.Scenario(Loads.AllSlos), Loads.Result(), [2.0]);

        results.Select(r => r.Name).ShouldBe([SloDefinitions.Availability, SloDefinitions.Latency, SloDefinitions.TimeToRecover]);
        results.ShouldAllBe(r => r.Status == SloStatus.NoData && r.Measured == null && r.Margin == null);
    }

    [Fact]
    public void Evaluate_AllRequestsFailed_AvailabilityFailsAtZeroAndLatencyHasNoData()
    {
        var load = Loads.Result(Loads.Second(0, failed: 50), Loads.Second(1, failed: 50));

        var availability = Evaluate(SloDefinitions.Availability, load);
        availability.Status.ShouldBe(SloStatus.Failed);
        availability.Measured.ShouldBe(0);
        availability.Margin!.Value.ShouldBe(-0.99, 1e-12);
        availability.Samples.ShouldBe(100);
        Evaluate(SloDefinitions.Latency, load).Status.ShouldBe(SloStatus.NoData);
    }

    [Fact]
    public void Evaluate_DroppedRequests_CountAsNotAvailable()
    {
        // 1,000 samples: enough for a 99% target at 95% confidence (rule of three needs 300).
        var load = Loads.Result(Loads.Second(0, ok: 980, degraded: 10, dropped: 10));

        var availability = Evaluate(SloDefinitions.Availability, load);

        availability.Measured.ShouldBe(0.99);
        availability.Status.ShouldBe(SloStatus.Passed);
        availability.Target.ShouldBe(">= 99%");
        availability.Unit.ShouldBe(SloDefinitions.FractionUnit);
        availability.Definition.ShouldBe(SloDefinitions.AvailabilityDefinition);
    }

    [Fact]
    public void Evaluate_FullService_CountsDegradedAnswersAsNotServed()
    {
        var slos = new SloSpec { Availability = new Threshold(Comparison.AtLeast, 0.99), FullService = new Threshold(Comparison.AtLeast, 0.99) };
        var load = Loads.Result(Loads.Second(0, ok: 900, degraded: 100));

        Evaluate(SloDefinitions.Availability, load, slos).Status.ShouldBe(SloStatus.Passed);
        var fullService = Evaluate(SloDefinitions.FullService, load, slos);
        fullService.Measured.ShouldBe(0.9);
        fullService.Margin!.Value.ShouldBe(-0.09, 1e-12);
        fullService.Status.ShouldBe(SloStatus.Failed);
        fullService.Definition.ShouldBe(SloDefinitions.FullServiceDefinition);
    }

    [Fact]
    public void Evaluate_FullServiceWithoutTraffic_IsNoData()
    {
        var slos = new SloSpec { FullService = new Threshold(Comparison.AtLeast, 0.99) };

        Evaluate(SloDefinitions.FullService, Loads.Result(), slos).Status.ShouldBe(SloStatus.NoData);
    }

    [Fact]
    public void Evaluate_FullServiceMetOnTooFewSamples_IsNoData()
    {
        var slos = new SloSpec { FullService = new Threshold(Comparison.AtLeast, 0.99) };

        var result = Evaluate(SloDefinitions.FullService, Loads.Result(Loads.Second(0, ok: 100)), slos);

        result.Status.ShouldBe(SloStatus.NoData);
        result.Message.ShouldNotBeNull().ShouldContain("300");
    }

    [Theory]
    [InlineData(Comparison.AtLeast, 0.99, SloStatus.Passed)]
    [InlineData(Comparison.GreaterThan, 0.99, SloStatus.Failed)]
    [InlineData(Comparison.AtLeast, 0.9901, SloStatus.Failed)]
    public void Evaluate_AvailabilityOnTheBoundary_FollowsTheComparison(Comparison comparison, double target, SloStatus expected)
    {
        var slos = new SloSpec { Availability = new Threshold(comparison, target) };

        Evaluate(SloDefinitions.Availability, Loads.Result(Loads.Second(0, ok: 990, failed: 10)), slos).Status.ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_LatencyFraction_IsExactAndReportsPercentiles()
    {
        var fast = Loads.Second(0, ok: 990, latencyMicros: 100_000);
        var slow = Loads.Second(1, ok: 10, latencyMicros: 400_000);

        var latency = Evaluate(SloDefinitions.Latency, Loads.Result(fast, slow));

        latency.Measured.ShouldBe(0.99);
        latency.Status.ShouldBe(SloStatus.Passed);
        latency.Samples.ShouldBe(1000);
        latency.Target.ShouldBe(">= 99% within 250ms");
        var percentiles = latency.Percentiles.ShouldNotBeNull();
        // Two significant digits: a percentile is exact to 1% of its value.
        percentiles.P50Ms.ShouldBe(100, 1);
        percentiles.P99Ms.ShouldBe(100, 1);
        percentiles.P95Ms.ShouldBe(100, 1);
    }

    [Fact]
    public void Evaluate_LatencyJustOverTarget_Fails()
    {
        var load = Loads.Result(Loads.Second(0, ok: 989, latencyMicros: 100_000), Loads.Second(1, ok: 11, latencyMicros: 400_000));

        var latency = Evaluate(SloDefinitions.Latency, load);

        latency.Measured.ShouldBe(0.989);
        latency.Status.ShouldBe(SloStatus.Failed);
        latency.Margin!.Value.ShouldBe(-0.001, 1e-12);
    }

    [Fact]
    public void Evaluate_FailedRequests_DoNotCountInLatency()
    {
        var latency = Evaluate(SloDefinitions.Latency, Loads.Result(Loads.Second(0, ok: 10, failed: 90)));

        latency.Measured.ShouldBe(1);
        latency.Samples.ShouldBe(10);
    }

    [Fact]
    public void Evaluate_RecoveryAtAKnownSecond_MeasuresFromFaultStart()
    {
        // Fault at 3.5s; seconds 4..6 fail; from second 7 on everything holds.
        var load = Loads.Seconds(12, s => s is >= 4 and <= 6 ? 50 : 0);

        var recovery = Evaluate(SloDefinitions.TimeToRecover, load, faults: 3.5);

        recovery.Status.ShouldBe(SloStatus.Passed);
        recovery.Measured.ShouldBe(3.5);
        recovery.Margin.ShouldBe(6.5);
        recovery.Unit.ShouldBe(SloDefinitions.SecondsUnit);
        recovery.Target.ShouldBe("<= 10s");
    }

    [Fact]
    public void Evaluate_RecoverySlowerThanTarget_Fails()
    {
        var load = Loads.Seconds(30, s => s is >= 2 and < 15 ? 100 : 0);

        var recovery = Evaluate(SloDefinitions.TimeToRecover, load, faults: 2);

        recovery.Measured.ShouldBe(13);
        recovery.Status.ShouldBe(SloStatus.Failed);
    }

    [Fact]
    public void Evaluate_RecoveryNeverReached_FailsWithoutAMeasurement()
    {
        // The last two seconds fail half their requests: no rest of the window after the fault meets 99%.
        var load = Loads.Seconds(10, s => s >= 8 ? 50 : 0);

        var recovery = Evaluate(SloDefinitions.TimeToRecover, load, faults: 2);

        recovery.Status.ShouldBe(SloStatus.Failed);
        recovery.Measured.ShouldBeNull();
        recovery.Message.ShouldNotBeNull().ShouldContain("never recovered");
    }

    [Fact]
    public void Evaluate_TooShortARestAfterTheLastBadSecond_NeverRecovers()
    {
        // 200 good requests after the outage cannot support a 99% target (the rule of three needs 300).
        var load = Loads.Seconds(10, s => s is >= 2 and <= 7 ? 100 : 0);

        Evaluate(SloDefinitions.TimeToRecover, load, faults: 2).Status.ShouldBe(SloStatus.Failed);
    }

    [Fact]
    public void Evaluate_UnaffectedByFault_RecoversInZeroSeconds()
    {
        var recovery = Evaluate(SloDefinitions.TimeToRecover, Loads.Seconds(10, _ => 0), faults: 4.25);

        recovery.Measured.ShouldBe(0);
        recovery.Status.ShouldBe(SloStatus.Passed);
    }

    [Fact]
    public void Evaluate_SecondWithoutTraffic_DoesNotCountAsRecovered()
    {
        var load = Loads.Result([Loads.Second(0, ok: 100), Loads.Second(1, ok: 100), Loads.Second(2), .. Enumerable.Range(3, 4).Select(s => Loads.Second(s, ok: 100))]);

        Evaluate(SloDefinitions.TimeToRecover, load, faults: 0).Measured.ShouldBe(3);
    }

    [Fact]
    public void Evaluate_SlowSecondAfterFault_DelaysRecovery()
    {
        var load = Loads.Result([Loads.Second(0, ok: 100), Loads.Second(1, ok: 100, latencyMicros: 900_000), .. Enumerable.Range(2, 4).Select(s => Loads.Second(s, ok: 100))]);

        Evaluate(SloDefinitions.TimeToRecover, load, faults: 0.5).Measured.ShouldBe(1.5);
    }

    [Fact]
    public void Evaluate_NoFault_TimeToRecoverHasNoData()
    {
        var recovery = Evaluate(SloDefinitions.TimeToRecover, Loads.Seconds(10, _ => 0));

        recovery.Status.ShouldBe(SloStatus.NoData);
        recovery.Message.ShouldNotBeNull().ShouldContain("no fault");
    }

    [Fact]
    public void Evaluate_OnlyRequestedSlos_AreScored()
    {
        var results = SloEvaluator.Evaluate(Loads.Scenario(new SloSpec { Availability = new Threshold(Comparison.AtLeast, 0.5) }),
            Loads.Seconds(3, _ => 0), [1]);

        results.ShouldHaveSingleItem().Name.ShouldBe(SloDefinitions.Availability);
    }
}
