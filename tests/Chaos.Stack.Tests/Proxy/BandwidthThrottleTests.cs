using Chaos.Stack.Proxy;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Stack.Tests.Proxy;

public sealed class BandwidthThrottleTests
{
    [Fact]
    public void Reserve_BackToBackChunks_WaitsAddUpToBytesOverRate()
    {
        var time = new FakeTimeProvider();
        var throttle = new BandwidthThrottle(bytesPerSecond: 10_000, time);

        // Ten chunks of 1000 bytes reserved at one instant: each waits for the ones before it, 0.1 s apart.
        var waits = Enumerable.Range(0, 10).Select(_ => throttle.Reserve(1000)).ToList();

        waits.Select(w => w.TotalSeconds).ShouldBe(Enumerable.Range(1, 10).Select(i => i * 0.1), tolerance: 1e-9);
    }

    [Fact]
    public void Reserve_ChunksPacedByTheirWait_EachWaitIsOneSlot()
    {
        var time = new FakeTimeProvider();
        var throttle = new BandwidthThrottle(bytesPerSecond: 4096, time);
        var sent = 0L;
        var start = time.GetTimestamp();

        // A sender that honours every wait moves exactly rate x elapsed bytes.
        for (var i = 0; i < 64; i++)
        {
            var wait = throttle.Reserve(throttle.ChunkBytes);
            time.Advance(wait);
            sent += throttle.ChunkBytes;
        }

        (sent / time.GetElapsedTime(start).TotalSeconds).ShouldBe(4096, tolerance: 1);
    }

    [Fact]
    public void Reserve_AfterIdle_DoesNotBankCredit()
    {
        var time = new FakeTimeProvider();
        var throttle = new BandwidthThrottle(bytesPerSecond: 1000, time);
        throttle.Reserve(100);
        time.Advance(TimeSpan.FromSeconds(10));

        // Ten idle seconds do not allow a burst: the next chunk still takes its own slot.
        throttle.Reserve(500).ShouldBe(TimeSpan.FromSeconds(0.5));
    }

    [Fact]
    public void ChunkBytes_TwentiethOfRate_AtLeastOne()
    {
        new BandwidthThrottle(20_000, TimeProvider.System).ChunkBytes.ShouldBe(1000);
        new BandwidthThrottle(5, TimeProvider.System).ChunkBytes.ShouldBe(1);
    }
}
