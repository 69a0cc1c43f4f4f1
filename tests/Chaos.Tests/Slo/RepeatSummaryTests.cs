using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class RepeatSummaryTests
{
    private static SloResult Availability(double? margin, SloStatus status) =>
        new(SloDefinitions.Availability, ">= 99%", margin is null ? null : 0.99 + margin, margin, status, SloDefinitions.FractionUnit, "", 100);

    [Fact]
    public void From_ThreeRuns_CountsPassesAndSpreadsMargins()
    {
        ScoredRun[] runs =
        [
            new(RunOutcome.Passed, [Availability(0.01, SloStatus.Passed)]),
            new(RunOutcome.Failed, [Availability(-0.02, SloStatus.Failed)]),
            new(RunOutcome.Passed, [Availability(0.03, SloStatus.Passed)]),
        ];

        var summary = RepeatSummary.From(runs);

        summary.Runs.ShouldBe(3);
        summary.Passed.ShouldBe(2);
        summary.PassRate!.Value.ShouldBe(2 / 3.0, 1e-12);
        summary.Interval.ShouldBe(WilsonInterval.For(2, 3));
        var availability = summary.Slos.ShouldHaveSingleItem();
        availability.Name.ShouldBe(SloDefinitions.Availability);
        availability.Runs.ShouldBe(3);
        availability.Passed.ShouldBe(2);
        availability.Measured.ShouldBe(3);
        availability.MinimumMargin.ShouldBe(-0.02);
        availability.MedianMargin.ShouldBe(0.01);
        availability.MaximumMargin.ShouldBe(0.03);
    }

    [Fact]
    public void From_EvenCount_MedianIsTheMeanOfTheMiddleTwo()
    {
        var runs = new[] { 0.1, 0.4, 0.2, 0.3 }.Select(m => new ScoredRun(RunOutcome.Passed, [Availability(m, SloStatus.Passed)])).ToList();

        RepeatSummary.From(runs).Slos[0].MedianMargin!.Value.ShouldBe(0.25, 1e-12);
    }

    [Fact]
    public void From_InconclusiveRunsWithNoData_AreNotPassesAndHaveNoMargins()
    {
        var runs = Enumerable.Range(0, 4).Select(_ => new ScoredRun(RunOutcome.Inconclusive, [Availability(null, SloStatus.NoData)])).ToList();

        var summary = RepeatSummary.From(runs);

        summary.Passed.ShouldBe(0);
        summary.PassRate.ShouldBe(0);
        summary.Interval.Lower.ShouldBe(0);
        var availability = summary.Slos.ShouldHaveSingleItem();
        availability.Measured.ShouldBe(0);
        availability.MinimumMargin.ShouldBeNull();
        availability.MedianMargin.ShouldBeNull();
        availability.MaximumMargin.ShouldBeNull();
    }

    [Fact]
    public void From_NoRuns_HasNoPassRate()
    {
        var summary = RepeatSummary.From([]);

        summary.PassRate.ShouldBeNull();
        summary.Interval.ShouldBe(new WilsonInterval(0, 1));
        summary.Slos.ShouldBeEmpty();
    }
}
