using Chaos.Load.Profiles;

namespace Chaos.Tests.Load;

public sealed class RampArrivalProfileTests
{
    private static readonly RampArrivalProfile Ramp = new(50, 200, TimeSpan.FromSeconds(60));

    [Fact]
    public void RateAt_Ramp_MovesLinearlyThenHolds()
    {
        Ramp.InitialRate.ShouldBe(50);
        Ramp.RateAt(TimeSpan.FromSeconds(30)).ShouldBe(125);
        Ramp.RateAt(TimeSpan.FromSeconds(60)).ShouldBe(200);
        Ramp.RateAt(TimeSpan.FromSeconds(90)).ShouldBe(200);
    }

    [Fact]
    public void ExpectedCount_WholeRamp_IsTheTrapezoid()
    {
        Ramp.ExpectedCount(TimeSpan.FromSeconds(60)).ShouldBe((50 + 200) / 2d * 60, 1e-9);
    }

    [Fact]
    public void TotalArrivals_WholeRamp_IsTheAreaUnderTheRate()
    {
        Ramp.TotalArrivals(TimeSpan.FromSeconds(60)).ShouldBe(7_500);
    }

    [Fact]
    public void TimeOfArrival_Ramp_SolvesTheQuadratic()
    {
        // 50t + 1.25t^2 = 1000 -> t = (-50 + sqrt(2500 + 5000)) / 2.5 = 14.641...
        Ramp.TimeOfArrival(1_000).TotalSeconds.ShouldBe((-50 + Math.Sqrt(7_500)) / 2.5, 1e-6);
    }

    [Fact]
    public void TimeOfArrival_DownwardRamp_IsStillTheInverse()
    {
        var down = new RampArrivalProfile(200, 10, TimeSpan.FromSeconds(10));
        var last = down.TotalArrivals(TimeSpan.FromSeconds(10)) - 1;

        down.ExpectedCount(down.TimeOfArrival(last)).ShouldBe(last, 1e-3);
        down.TimeOfArrival(last).ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(50, 0)]
    [InlineData(0, 50)]
    public void Constructor_RampToOrFromZero_Throws(double from, double to)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new RampArrivalProfile(from, to, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Constructor_ZeroDuration_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new RampArrivalProfile(1, 2, TimeSpan.Zero));
    }
}
