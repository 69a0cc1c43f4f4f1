using Chaos.Load;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Tests.Load;

public sealed class DispatchPacerTests
{
    [Fact]
    public void WaitUntil_DueTimePassed_ReturnsTrueAtOnce()
    {
        var time = new FakeTimeProvider();
        var pacer = new DispatchPacer(time, time.GetTimestamp());
        time.Advance(TimeSpan.FromSeconds(1));

        pacer.WaitUntil(TimeSpan.FromMilliseconds(500), CancellationToken.None).ShouldBeTrue();
    }

    [Fact]
    public void WaitUntil_Cancelled_ReturnsFalse()
    {
        var time = new FakeTimeProvider();
        var pacer = new DispatchPacer(time, time.GetTimestamp());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        pacer.WaitUntil(TimeSpan.FromHours(1), cancelled.Token).ShouldBeFalse();
    }

    [Fact]
    public void WaitUntil_ClockThatNeverAdvancesShortWait_ReturnsAnyway()
    {
        // The fine sleep runs on the real clock, bounded by the wait: a frozen clock cannot hold the dispatch loop.
        var time = new FakeTimeProvider();
        var pacer = new DispatchPacer(time, time.GetTimestamp());

        pacer.WaitUntil(TimeSpan.FromMilliseconds(1), CancellationToken.None).ShouldBeTrue();
    }

    [Fact]
    public async Task WaitUntil_LongWait_ReturnsOnceTheClockReachesTheDueTime()
    {
        var time = new FakeTimeProvider();
        var start = time.GetTimestamp();
        var pacer = new DispatchPacer(time, start);

        var waiting = Task.Factory.StartNew(() => pacer.WaitUntil(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        while (!waiting.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        (await waiting).ShouldBeTrue();
        time.GetElapsedTime(start).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(9.9));
    }
}
