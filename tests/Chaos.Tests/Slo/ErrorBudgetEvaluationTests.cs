using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class ErrorBudgetEvaluationTests
{
    private static readonly Threshold AtMostTwice = new(Comparison.AtMost, 2);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(11, 1)]
    [InlineData(12, 1)]
    [InlineData(24, 2)]
    [InlineData(60, 5)]
    [InlineData(3600, 300)]
    public void ShortWindowSeconds_RunLength_IsOneTwelfthAndAtLeastOneSecond(int runSeconds, int expected) =>
        ErrorBudgetEvaluation.ShortWindowSeconds(runSeconds).ShouldBe(expected);

    [Fact]
    public void Measure_BudgetSpentExactly_LongBurnIsOneAndShortBurnFindsTheBadSecond()
    {
        // 12 s x 100 requests, 12 failures in second 5: 1% errors overall against a 1% budget.
        var load = Loads.Seconds(12, s => s == 5 ? 12 : 0);

        var burn = ErrorBudgetEvaluation.Measure(0.99, load).ShouldNotBeNull();

        burn.LongWindowSeconds.ShouldBe(12);
        burn.LongWindowBurn.ShouldBe(1, 1e-9);
        burn.ShortWindowSeconds.ShouldBe(1);
        burn.MaxShortWindowBurn!.Value.ShouldBe(12, 1e-9);
        burn.MaxShortWindowStartSecond.ShouldBe(5);
    }

    [Fact]
    public void Measure_TwoSecondWindows_AverageOverTheWindow()
    {
        // 24 s: window 2 s; seconds 10 and 11 fail 10% and 30% -> that window burns 20% / 0.5% = 40x.
        var load = Loads.Seconds(24, s => s switch { 10 => 10, 11 => 30, _ => 0 });

        var burn = ErrorBudgetEvaluation.Measure(0.995, load).ShouldNotBeNull();

        burn.ShortWindowSeconds.ShouldBe(2);
        burn.MaxShortWindowBurn!.Value.ShouldBe(40, 1e-9);
        burn.MaxShortWindowStartSecond.ShouldBe(10);
        burn.LongWindowBurn.ShouldBe(40.0 / 2400 / 0.005, 1e-9);
    }

    [Fact]
    public void Evaluate_LongBurnWithinThreshold_PassesAndReportsTheShortWindow()
    {
        var result = ErrorBudgetEvaluation.Evaluate(AtMostTwice, 0.99, Loads.Seconds(12, s => s == 5 ? 12 : 0));

        result.Name.ShouldBe(SloDefinitions.ErrorBudgetBurn);
        result.Status.ShouldBe(SloStatus.Passed);
        result.Measured!.Value.ShouldBe(1, 1e-9);
        result.Margin!.Value.ShouldBe(1, 1e-9);
        result.Target.ShouldBe("<= 2x");
        result.Unit.ShouldBe(SloDefinitions.BurnRateUnit);
        result.Samples.ShouldBe(1200);
        result.Definition.ShouldBe(SloDefinitions.ErrorBudgetBurnDefinition);
        result.Message.ShouldNotBeNull().ShouldContain("worst 1s window 12x (seconds 5-6)");
    }

    [Fact]
    public void Evaluate_AllFailed_FailsAtTheHighestBurn()
    {
        var load = Loads.Result(Loads.Second(0, failed: 50), Loads.Second(1, failed: 50));

        var result = ErrorBudgetEvaluation.Evaluate(AtMostTwice, 0.995, load);

        result.Status.ShouldBe(SloStatus.Failed);
        result.Measured!.Value.ShouldBe(200, 1e-6);
    }

    [Fact]
    public void Evaluate_NoTraffic_IsNoData()
    {
        var result = ErrorBudgetEvaluation.Evaluate(AtMostTwice, 0.995, Loads.Result());

        result.Status.ShouldBe(SloStatus.NoData);
        result.Measured.ShouldBeNull();
        result.Samples.ShouldBe(0);
    }

    [Fact]
    public void Evaluate_HundredPercentTarget_IsNoDataBecauseThereIsNoBudget()
    {
        var result = ErrorBudgetEvaluation.Evaluate(AtMostTwice, 1, Loads.Seconds(5, _ => 0));

        result.Status.ShouldBe(SloStatus.NoData);
        result.Message.ShouldNotBeNull().ShouldContain("no error budget");
    }

    [Fact]
    public void Measure_HundredPercentTarget_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => ErrorBudgetEvaluation.Measure(1, Loads.Seconds(5, _ => 0)));

    [Fact]
    public void From_Series_IsNullUntilTheFirstWindowIsFullAndWhereThereIsNoTraffic()
    {
        // 24 s, window 2 s; seconds 12 and 13 have no traffic; second 20 fails 10 of 100, so both windows holding it burn 5% / 1% = 5x.
        var seconds = Enumerable.Range(0, 24)
            .Select(s => s is 12 or 13 ? Loads.Second(s) : Loads.Second(s, ok: s == 20 ? 90 : 100, failed: s == 20 ? 10 : 0)).ToArray();

        var series = BurnRateSeries.From(0.99, Loads.Result(seconds));

        series.WindowSeconds.ShouldBe(2);
        series.BurnRates.Count.ShouldBe(24);
        series.BurnRates[0].ShouldBeNull();
        series.BurnRates[1].ShouldBe(0);
        series.BurnRates[13].ShouldBeNull();
        series.BurnRates[14].ShouldBe(0);
        series.BurnRates[20]!.Value.ShouldBe(5, 1e-9);
        series.BurnRates[21]!.Value.ShouldBe(5, 1e-9);
    }
}
