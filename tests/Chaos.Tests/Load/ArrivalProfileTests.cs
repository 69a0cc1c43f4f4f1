using Chaos.Load.Profiles;

namespace Chaos.Tests.Load;

public sealed class ArrivalProfileTests
{
    public static TheoryData<string, ArrivalProfile> Profiles => new()
    {
        { "constant", new ConstantArrivalProfile(100) },
        { "fractional constant", new ConstantArrivalProfile(2.5) },
        { "ramp up", new RampArrivalProfile(50, 200, TimeSpan.FromSeconds(60)) },
        { "ramp down", new RampArrivalProfile(300, 1, TimeSpan.FromSeconds(30)) },
        { "steps", new StepArrivalProfile(100, [new(TimeSpan.FromSeconds(10), 200), new(TimeSpan.FromSeconds(20), 50)]) },
        { "step at zero", new StepArrivalProfile(100, [new(TimeSpan.Zero, 7)]) },
        { "spike", new SpikeArrivalProfile(100, 500, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)) },
        { "dip", new SpikeArrivalProfile(100, 0.5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)) },
    };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TimeOfArrival_AnyArrival_IsTheInverseOfExpectedCount(string name, ArrivalProfile profile)
    {
        for (long n = 0; n < 20_000; n += 7)
        {
            var time = profile.TimeOfArrival(n);
            // One tick of rounding moves the count by at most rate * 100ns.
            profile.ExpectedCount(time).ShouldBe(n, 1e-3, $"{name}, arrival {n} at {time}");
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TimeOfArrival_SuccessiveArrivals_AreStrictlyIncreasing(string name, ArrivalProfile profile)
    {
        var previous = profile.TimeOfArrival(0);
        previous.ShouldBe(TimeSpan.Zero, name);
        for (long n = 1; n < 20_000; n++)
        {
            var time = profile.TimeOfArrival(n);
            time.ShouldBeGreaterThan(previous, $"{name}, arrival {n}");
            previous = time;
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TotalArrivals_AnyDuration_CountsArrivalsDueBeforeIt(string name, ArrivalProfile profile)
    {
        foreach (var seconds in new[] { 0, 0.3, 1, 9.99, 10, 12.5, 15, 30, 61 })
        {
            var duration = TimeSpan.FromSeconds(seconds);
            var total = profile.TotalArrivals(duration);
            if (total > 0)
            {
                profile.TimeOfArrival(total - 1).ShouldBeLessThan(duration, $"{name} over {seconds}s");
            }
            profile.TimeOfArrival(total).ShouldBeGreaterThanOrEqualTo(duration, $"{name} over {seconds}s");
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void ExpectedCount_Time_IsTheSumOfTheRateOverTime(string name, ArrivalProfile profile)
    {
        var step = TimeSpan.FromMilliseconds(1);
        var sum = 0d;
        for (var t = TimeSpan.Zero; t < TimeSpan.FromSeconds(40); t += step)
        {
            sum += (profile.RateAt(t) + profile.RateAt(t + step)) / 2 * step.TotalSeconds;
        }
        // Trapezoids are exact on lines; only the jumps of steps and spikes cost a little.
        profile.ExpectedCount(TimeSpan.FromSeconds(40)).ShouldBe(sum, 1, name);
    }

    [Fact]
    public void TimeOfArrival_NegativeArrival_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new ConstantArrivalProfile(1).TimeOfArrival(-1));
    }

    [Fact]
    public void ExpectedCount_NegativeTime_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new ConstantArrivalProfile(1).ExpectedCount(TimeSpan.FromSeconds(-1)));
    }
}
