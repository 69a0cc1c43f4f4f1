using Chaos.Stack.Gateway;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Stack.Tests.Gateway;

public sealed class AdaptiveHedgingDelayTests
{
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void Current_FewerAnswersThanTheMinimum_IsTheConfiguredDelay()
    {
        var delay = new AdaptiveHedgingDelay(Floor, new FakeTimeProvider());
        for (var i = 0; i < AdaptiveHedgingDelay.MinimumSamples - 1; i++)
        {
            delay.Record(TimeSpan.FromSeconds(1));
        }

        delay.Current.ShouldBe(Floor);
    }

    [Fact]
    public void Current_AnswersFasterThanTheFloor_StaysAtTheFloor()
    {
        var delay = new AdaptiveHedgingDelay(Floor, new FakeTimeProvider());
        Record(delay, 100, TimeSpan.FromMilliseconds(5));

        delay.Current.ShouldBe(Floor);
    }

    [Fact]
    public void Current_EveryReplicaSlow_RisesToThe95thPercentile()
    {
        var delay = new AdaptiveHedgingDelay(Floor, new FakeTimeProvider());
        // 1..100 ms and 10 x 900 ms: 110 answers, the 95th percentile is the 105th smallest, one of the 900 ms.
        for (var ms = 1; ms <= 100; ms++)
        {
            delay.Record(TimeSpan.FromMilliseconds(ms));
        }
        Record(delay, 10, TimeSpan.FromMilliseconds(900));

        delay.Current.ShouldBe(TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public void Current_OneSlowAnswerInManyFast_DoesNotMoveTheDelay()
    {
        // One black-holed or paused replica among fast ones: its few slow answers are the tail a hedge is for.
        var delay = new AdaptiveHedgingDelay(Floor, new FakeTimeProvider());
        Record(delay, 99, TimeSpan.FromMilliseconds(10));
        delay.Record(TimeSpan.FromSeconds(1));

        delay.Current.ShouldBe(Floor);
    }

    [Fact]
    public void Current_OnlyTheLastWindowOfAnswersCounts_SoTheDelayFallsBackWhenTheReplicasRecover()
    {
        var time = new FakeTimeProvider();
        var delay = new AdaptiveHedgingDelay(Floor, time);
        Record(delay, AdaptiveHedgingDelay.Window, TimeSpan.FromMilliseconds(800));
        delay.Current.ShouldBe(TimeSpan.FromMilliseconds(800));

        Record(delay, AdaptiveHedgingDelay.Window, TimeSpan.FromMilliseconds(20));
        // Reused until the refresh interval has passed, then computed again.
        delay.Current.ShouldBe(TimeSpan.FromMilliseconds(800));
        time.Advance(AdaptiveHedgingDelay.Refresh);

        delay.Current.ShouldBe(Floor);
    }

    private static void Record(AdaptiveHedgingDelay delay, int count, TimeSpan took)
    {
        for (var i = 0; i < count; i++)
        {
            delay.Record(took);
        }
    }
}
