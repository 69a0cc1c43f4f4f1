using Chaos.Load.Profiles;

namespace Chaos.Tests.Load;

public sealed class ConstantArrivalProfileTests
{
    [Fact]
    public void TimeOfArrival_Constant_IsEvenlySpaced()
    {
        var profile = new ConstantArrivalProfile(200);

        profile.TimeOfArrival(1).ShouldBe(TimeSpan.FromMilliseconds(5));
        profile.TimeOfArrival(1_000).ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(100, 30, 3_000)]
    [InlineData(2.5, 1, 3)]
    [InlineData(3, 1, 3)]
    [InlineData(1, 0, 0)]
    public void TotalArrivals_Constant_IsRateTimesDurationRoundedUp(double rate, double seconds, long expected)
    {
        new ConstantArrivalProfile(rate).TotalArrivals(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);
    }

    [Fact]
    public void InitialRate_Constant_IsTheRate()
    {
        new ConstantArrivalProfile(42).InitialRate.ShouldBe(42);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_RateNotAboveZero_Throws(double rate)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new ConstantArrivalProfile(rate));
    }

    [Fact]
    public void Equals_SameRate_IsEqual()
    {
        new ConstantArrivalProfile(5).ShouldBe(new ConstantArrivalProfile(5));
    }
}
