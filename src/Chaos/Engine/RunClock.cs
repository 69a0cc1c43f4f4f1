namespace Chaos.Engine;

/// <summary>The one clock of a run: seconds since the run started, on a monotonic timestamp.</summary>
public sealed class RunClock
{
    private readonly TimeProvider _time;
    private readonly long _start;

    public RunClock(TimeProvider time)
    {
        _time = time;
        _start = time.GetTimestamp();
        StartedAt = time.GetUtcNow();
    }

    public DateTimeOffset StartedAt { get; }

    public double Now => _time.GetElapsedTime(_start).TotalSeconds;

    /// <summary>Seconds on this clock of a timestamp taken from the same <see cref="TimeProvider"/>.</summary>
    public double At(long timestamp) => _time.GetElapsedTime(_start, timestamp).TotalSeconds;

    public DateTimeOffset UtcNow => _time.GetUtcNow();
}
