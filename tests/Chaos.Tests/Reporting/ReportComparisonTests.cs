using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.Tests.Reporting;

public sealed class ReportComparisonTests
{
    [Fact]
    public void Of_SameSloWithLargerMargin_IsBetterWithItsDeltas()
    {
        var comparison = ReportComparison.Of(Run(Availability(0.999, 0.004)), Run(Availability(0.997, 0.002)));

        var delta = comparison.Slos.ShouldHaveSingleItem();
        delta.MeasuredDelta!.Value.ShouldBe(0.002, 1e-12);
        delta.MarginDelta!.Value.ShouldBe(0.002, 1e-12);
        delta.Change.ShouldBe(ReportComparison.Change.Better);
    }

    [Fact]
    public void Of_PassThatBecameAFailure_IsWorse()
    {
        var comparison = ReportComparison.Of(Run(Availability(0.99, -0.005, SloStatus.Failed)), Run(Availability(0.996, 0.001)));

        comparison.Slos.Single().Change.ShouldBe(ReportComparison.Change.Worse);
    }

    [Fact]
    public void Of_FailedAgainstNoData_IsNeitherBetterNorWorse()
    {
        var noData = new SloResult("timeToDetect", "<= 10s", null, null, SloStatus.NoData, SloDefinitions.SecondsUnit, "", 0);
        var failed = noData with { Measured = 12, Margin = -2, Status = SloStatus.Failed };

        ReportComparison.Of(Run(failed), Run(noData)).Slos.Single().Change.ShouldBe(ReportComparison.Change.Same);
    }

    [Fact]
    public void Of_SloInOneRunOnly_SaysWhichAndComputesNothing()
    {
        var latency = new SloResult("latency", ">= 99% within 250ms", 1, 0.01, SloStatus.Passed, SloDefinitions.FractionUnit, "", 100);

        var comparison = ReportComparison.Of(Run(Availability(1, 0.005), latency), Run(Availability(1, 0.005)));

        var only = comparison.Slos.Single(s => s.Name == "latency");
        only.Change.ShouldBe(ReportComparison.Change.OnlyInCurrent);
        only.MeasuredDelta.ShouldBeNull();
        only.Baseline.ShouldBeNull();
        comparison.Slos.Single(s => s.Name == "availability").Change.ShouldBe(ReportComparison.Change.Same);
    }

    [Fact]
    public void Of_DifferentUnits_ComputesNoDelta()
    {
        var seconds = new SloResult("timeToRecover", "<= 10s", 3, 7, SloStatus.Passed, SloDefinitions.SecondsUnit, "", 10);

        var delta = ReportComparison.Of(Run(seconds), Run(seconds with { Unit = SloDefinitions.FractionUnit, Measured = 0.5, Margin = 0.1 })).Slos.Single();

        delta.MeasuredDelta.ShouldBeNull();
        delta.MarginDelta.ShouldBeNull();
    }

    [Fact]
    public void LoadFigures_Of_ErrorShareAndP99s()
    {
        var figures = ReportComparison.LoadFigures.Of(SampleReports.Failed().Load);

        figures.Intended.ShouldBe(4000);
        figures.ErrorShare!.Value.ShouldBe(150 / 4000d, 1e-12); // 30 failed in each of seconds 15-19
        figures.WorstP99Ms.ShouldNotBeNull();
    }

    private static SloResult Availability(double measured, double margin, SloStatus status = SloStatus.Passed) =>
        new("availability", ">= 99.5%", measured, margin, status, SloDefinitions.FractionUnit, SloDefinitions.AvailabilityDefinition, 1000);

    private static RunReport Run(params SloResult[] slos) => SampleReports.Failed() with { Slos = slos };
}
