using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class SampleSizeTests
{
    [Theory]
    [InlineData(0.999, 3000)]
    [InlineData(0.995, 600)]
    [InlineData(0.99, 300)]
    [InlineData(0.5, 6)]
    public void Needed_FractionTarget_FollowsTheRuleOfThree(double target, long needed) =>
        SampleSize.Needed(new Threshold(Comparison.AtLeast, target)).ShouldBe(needed);

    [Fact]
    public void Needed_HundredPercent_NoFiniteSampleSuffices() =>
        SampleSize.Needed(new Threshold(Comparison.AtLeast, 1.0)).ShouldBeNull();

    [Fact]
    public void Evaluate_AvailabilityWithTooFewSamples_IsNoDataNeverPassed()
    {
        var load = Loads.Seconds(2, _ => 0); // 200 requests, all successful
        var scenario = ValidScenario(new SloSpec { Availability = new Threshold(Comparison.AtLeast, 0.999) });

        var result = SloEvaluator.Evaluate(scenario, load, []).Single();

        result.Status.ShouldBe(SloStatus.NoData);
        result.Message.ShouldNotBeNull().ShouldContain("too few samples");
    }

    [Fact]
    public void Evaluate_AvailabilityWithEnoughSamples_IsScored()
    {
        var load = Loads.Seconds(30, _ => 0); // 3,000 requests
        var scenario = ValidScenario(new SloSpec { Availability = new Threshold(Comparison.AtLeast, 0.999) });

        SloEvaluator.Evaluate(scenario, load, []).Single().Status.ShouldBe(SloStatus.Passed);
    }

    private static Scenario ValidScenario(SloSpec slos) => new()
    {
        Name = "sample-size",
        Load = new LoadSpec { RatePerSecond = 100, Duration = TimeSpan.FromSeconds(30) },
        Slos = slos,
    };
}
