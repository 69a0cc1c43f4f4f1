namespace Chaos.Bench;

/// <summary>
/// The system clock, remembering the first timestamp it hands out: the generator's first read is its
/// schedule origin, so every request's intended send time is that origin plus <c>LoadPlan.DueAt</c>.
/// </summary>
public sealed class StartCapturingTimeProvider : TimeProvider
{
    private long _first;

    /// <summary>The first timestamp read, or 0 before any.</summary>
    public long FirstTimestamp => Volatile.Read(ref _first);

    public override long GetTimestamp()
    {
        var now = base.GetTimestamp();
        if (Volatile.Read(ref _first) == 0)
        {
            Interlocked.CompareExchange(ref _first, now, 0);
        }
        return now;
    }
}
