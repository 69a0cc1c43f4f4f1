using Chaos.Load.Profiles;

namespace Chaos.Tests.Load;

public sealed class SpikeArrivalProfileTests
{
    private static readonly SpikeArrivalProfile Spike = new(100, 500, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));

    [Theory]
    [InlineData(0, 100)]
    [InlineData(10, 500)]
    [InlineData(14.9, 500)]
    [InlineData(15, 100)]
    public void RateAt_Spike_IsBaseOutsideAndSpikeInside(double seconds, double rate)
    {
        Spike.RateAt(TimeSpan.FromSeconds(seconds)).ShouldBe(rate);
    }

    [Fact]
    public void TotalArrivals_Spike_AddsTheBurst()
    {
        Spike.TotalArrivals(TimeSpan.FromSeconds(30)).ShouldBe((25 * 100) + (5 * 500));
    }

    [Fact]
    public void TimeOfArrival_SpikeAtZero_StartsAtTheSpikeRate()
    {
        var profile = new SpikeArrivalProfile(100, 500, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        profile.InitialRate.ShouldBe(500);
        profile.TimeOfArrival(500).ShouldBe(TimeSpan.FromSeconds(1));
        profile.TimeOfArrival(600).ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Constructor_ZeroLength_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new SpikeArrivalProfile(1, 2, TimeSpan.Zero, TimeSpan.Zero));
    }
}
