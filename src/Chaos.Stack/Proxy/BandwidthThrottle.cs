namespace Chaos.Stack.Proxy;

/// <summary>
/// Paces one direction of one connection at a rate in bytes per second: each chunk gets a slot on a schedule, and the
/// caller waits until its slot ends. Time comes from a <see cref="TimeProvider"/>, so tests count decisions without sleeping.
/// </summary>
public sealed class BandwidthThrottle(long bytesPerSecond, TimeProvider time)
{
    private DateTimeOffset scheduleEnd = DateTimeOffset.MinValue;

    /// <summary>The largest chunk forwarded at once: a twentieth of a second's worth, so the flow stays smooth.</summary>
    public int ChunkBytes => (int)Math.Clamp(bytesPerSecond / 20, 1, 64 * 1024);

    /// <summary>Reserves the transfer of <paramref name="bytes"/>; returns how long to wait before they may be sent.</summary>
    public TimeSpan Reserve(int bytes)
    {
        var now = time.GetUtcNow();
        var start = scheduleEnd > now ? scheduleEnd : now;
        scheduleEnd = start + TimeSpan.FromSeconds((double)bytes / bytesPerSecond);
        return scheduleEnd - now;
    }
}
