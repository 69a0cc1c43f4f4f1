using Chaos.Load.Profiles;

namespace Chaos.Tests.Load;

public sealed class StepArrivalProfileTests
{
    private static readonly StepArrivalProfile Steps = new(100, [new(TimeSpan.FromSeconds(10), 200), new(TimeSpan.FromSeconds(20), 50)]);

    [Theory]
    [InlineData(0, 100)]
    [InlineData(9.999, 100)]
    [InlineData(10, 200)]
    [InlineData(25, 50)]
    public void RateAt_Steps_JumpsAtEachStep(double seconds, double rate)
    {
        Steps.RateAt(TimeSpan.FromSeconds(seconds)).ShouldBe(rate);
    }

    [Fact]
    public void TotalArrivals_Steps_AddsEachStretch()
    {
        Steps.TotalArrivals(TimeSpan.FromSeconds(30)).ShouldBe(1_000 + 2_000 + 500);
    }

    [Fact]
    public void TimeOfArrival_FirstArrivalOfAStep_IsAtTheStep()
    {
        Steps.TimeOfArrival(1_000).ShouldBe(TimeSpan.FromSeconds(10));
        Steps.TimeOfArrival(1_001).ShouldBe(TimeSpan.FromSeconds(10.005));
    }

    [Fact]
    public void RateAt_ZeroLengthStep_IsSkipped()
    {
        var profile = new StepArrivalProfile(100, [new(TimeSpan.FromSeconds(5), 1_000), new(TimeSpan.FromSeconds(5), 10)]);

        profile.RateAt(TimeSpan.FromSeconds(5)).ShouldBe(10);
        profile.ExpectedCount(TimeSpan.FromSeconds(6)).ShouldBe(510, 1e-9);
        profile.TimeOfArrival(500).ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Equals_SameSteps_IsEqual()
    {
        new StepArrivalProfile(1, [new(TimeSpan.FromSeconds(1), 2)]).ShouldBe(new StepArrivalProfile(1, [new(TimeSpan.FromSeconds(1), 2)]));
    }

    [Fact]
    public void Constructor_NoSteps_Throws()
    {
        Should.Throw<ArgumentException>(() => new StepArrivalProfile(1, []));
    }

    [Fact]
    public void Constructor_StepsOutOfOrder_Throws()
    {
        Should.Throw<ArgumentException>(() => new StepArrivalProfile(1, [new(TimeSpan.FromSeconds(2), 1), new(TimeSpan.FromSeconds(1), 1)]));
    }

    [Fact]
    public void Constructor_StepToZero_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new StepArrivalProfile(1, [new(TimeSpan.FromSeconds(2), 0)]));
    }
}
