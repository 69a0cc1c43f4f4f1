using Chaos.Load;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Tests.Load;

public sealed class AttemptTimeoutsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Width = AttemptTimeouts.BucketWidth(Timeout);

    [Theory]
    [InlineData(2_000, 100)]
    [InlineData(1_000, 50)]
    [InlineData(10, 1)]
    [InlineData(60_000, 100)]
    public void BucketWidth_TimeoutInMilliseconds_ATwentiethBetween1And100(int timeoutMs, int expectedMs)
    {
        AttemptTimeouts.BucketWidth(TimeSpan.FromMilliseconds(timeoutMs)).ShouldBe(TimeSpan.FromMilliseconds(expectedMs));
    }

    [Fact]
    public void TokenAt_WithinOneBucket_SharesOneToken()
    {
        var time = new FakeTimeProvider();
        using var timeouts = new AttemptTimeouts(Timeout, time, CancellationToken.None);
        var start = time.GetTimestamp();

        var first = timeouts.TokenAt(start);
        var second = timeouts.TokenAt(start + Ticks(time, Width) - 1);

        second.ShouldBe(first);
        timeouts.LiveBuckets.ShouldBe(1);
    }

    [Fact]
    public void TokenAt_NextBucket_NewToken()
    {
        var time = new FakeTimeProvider();
        using var timeouts = new AttemptTimeouts(Timeout, time, CancellationToken.None);
        var start = time.GetTimestamp();

        var first = timeouts.TokenAt(start);
        var second = timeouts.TokenAt(start + Ticks(time, Width));

        second.ShouldNotBe(first);
    }

    [Fact]
    public void TokenAt_TimeoutPassedForTheLastRequestOfTheBucket_Cancelled()
    {
        var time = new FakeTimeProvider();
        using var timeouts = new AttemptTimeouts(Timeout, time, CancellationToken.None);
        var token = timeouts.TokenAt(time.GetTimestamp());

        // The last request of the bucket gets its full timeout: nothing fires before timeout + width.
        time.Advance(Timeout + Width - TimeSpan.FromMilliseconds(1));
        token.IsCancellationRequested.ShouldBeFalse();
        time.Advance(TimeSpan.FromMilliseconds(1));

        token.IsCancellationRequested.ShouldBeTrue();
    }

    [Fact]
    public void TokenAt_DeadlinePassed_Cancelled()
    {
        var time = new FakeTimeProvider();
        using var deadline = new CancellationTokenSource();
        using var timeouts = new AttemptTimeouts(Timeout, time, deadline.Token);
        var token = timeouts.TokenAt(time.GetTimestamp());

        deadline.Cancel();

        token.IsCancellationRequested.ShouldBeTrue();
    }

    [Fact]
    public void TokenAt_OlderBucketsFired_Disposed()
    {
        var time = new FakeTimeProvider();
        using var timeouts = new AttemptTimeouts(Timeout, time, CancellationToken.None);
        timeouts.TokenAt(time.GetTimestamp());
        time.Advance(Width);
        timeouts.TokenAt(time.GetTimestamp());
        time.Advance(Timeout + Width);

        timeouts.TokenAt(time.GetTimestamp());

        timeouts.LiveBuckets.ShouldBe(1);
    }

    private static long Ticks(TimeProvider time, TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
