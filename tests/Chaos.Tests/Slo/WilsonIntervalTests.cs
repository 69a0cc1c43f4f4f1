using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class WilsonIntervalTests
{
    [Theory]
    [InlineData(20, 20, 0.8389, 1.0)]
    [InlineData(10, 20, 0.2993, 0.7007)]
    [InlineData(0, 20, 0.0, 0.1611)]
    [InlineData(8, 10, 0.4902, 0.9433)]
    [InlineData(1, 1, 0.2065, 1.0)]
    public void For_KnownCounts_MatchesPublishedValues(int successes, int trials, double lower, double upper)
    {
        var interval = WilsonInterval.For(successes, trials);

        interval.Lower.ShouldBe(lower, 5e-5);
        interval.Upper.ShouldBe(upper, 5e-5);
    }

    [Fact]
    public void For_AllPassed_UpperIsExactlyOne() => WilsonInterval.For(7, 7).Upper.ShouldBe(1);

    [Fact]
    public void For_NonePassed_LowerIsExactlyZero() => WilsonInterval.For(0, 7).Lower.ShouldBe(0);

    [Fact]
    public void For_NoTrials_KnowsNothing() => WilsonInterval.For(0, 0).ShouldBe(new WilsonInterval(0, 1));

    [Fact]
    public void For_MoreSuccessesThanTrials_Throws() => Should.Throw<ArgumentOutOfRangeException>(() => WilsonInterval.For(3, 2));

    [Fact]
    public void For_WiderConfidence_GivesAWiderInterval()
    {
        var narrow = WilsonInterval.For(10, 20);
        var wide = WilsonInterval.For(10, 20, z: 2.576);

        wide.Lower.ShouldBeLessThan(narrow.Lower);
        wide.Upper.ShouldBeGreaterThan(narrow.Upper);
    }
}
