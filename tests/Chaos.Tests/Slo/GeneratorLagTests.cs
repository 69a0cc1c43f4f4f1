using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class GeneratorLagTests
{
    private static readonly SloSpec Slos = new()
    {
        Latency = new LatencySlo(TimeSpan.FromMilliseconds(250), new Threshold(Comparison.AtLeast, 0.99)),
    };

    [Fact]
    public void Undermines_LatencyFailedWithLagAboveATenthOfTheThreshold_Explains()
    {
        var load = Loads.Seconds(10, _ => 0) with { SchedulingLagP99Micros = 26_000 };

        GeneratorLag.Undermines(Slos, load, [Result(SloDefinitions.Latency, SloStatus.Failed)]).ShouldNotBeNull().ShouldContain("26 ms");
    }

    [Fact]
    public void Undermines_LatencyPassedDespiteLag_TheVerdictStands() =>
        GeneratorLag.Undermines(Slos, Loads.Seconds(10, _ => 0) with { SchedulingLagP99Micros = 500_000 },
            [Result(SloDefinitions.Latency, SloStatus.Passed)]).ShouldBeNull();

    [Fact]
    public void Undermines_AvailabilityFailedWithLag_TheVerdictStands() =>
        GeneratorLag.Undermines(Slos, Loads.Seconds(10, _ => 0) with { SchedulingLagP99Micros = 500_000 },
            [Result(SloDefinitions.Availability, SloStatus.Failed)]).ShouldBeNull();

    [Fact]
    public void Undermines_LatencyFailedWithSmallLag_TheVerdictStands() =>
        GeneratorLag.Undermines(Slos, Loads.Seconds(10, _ => 0) with { SchedulingLagP99Micros = 25_000 },
            [Result(SloDefinitions.Latency, SloStatus.Failed)]).ShouldBeNull();

    private static SloResult Result(string name, SloStatus status) =>
        new(name, "", 0.5, -0.5, status, SloDefinitions.FractionUnit, "", 1000);
}
