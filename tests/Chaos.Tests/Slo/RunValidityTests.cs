using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class RunValidityTests
{
    [Fact]
    public void Check_ScheduleKept_IsValid()
    {
        var validity = RunValidity.Check(Loads.Seconds(10, _ => 0) with { AchievedRatePerSecond = 99 });

        validity.IsValid.ShouldBeTrue();
        validity.Reasons.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(98.9)]
    [InlineData(101.1)]
    public void Check_RateOffByMoreThanOnePercent_IsInvalid(double achieved)
    {
        var validity = RunValidity.Check(Loads.Seconds(10, _ => 0) with { AchievedRatePerSecond = achieved });

        validity.IsValid.ShouldBeFalse();
        validity.Reasons.ShouldHaveSingleItem().ShouldContain("achieved send rate");
    }

    [Fact]
    public void Check_DropsAtTheInFlightBound_StayValid()
    {
        var load = Loads.Result(Enumerable.Range(0, 10).Select(s => Loads.Second(s, ok: s == 0 ? 50 : 100, dropped: s == 0 ? 50 : 0)).ToArray());

        RunValidity.Check(load).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Check_NoTraffic_IsInvalid() =>
        RunValidity.Check(Loads.Result()).Reasons.ShouldContain("the generator intended no request in the measured window");
}
