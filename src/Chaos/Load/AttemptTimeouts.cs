namespace Chaos.Load;

/// <summary>
/// One timeout mechanism for all requests of a run instead of a timer per request: requests dispatched within the same
/// short bucket share one token, cancelled one timeout after the bucket ends (or at the run's deadline), so no request
/// is cut before its full timeout and a hung one holds its slot at most one bucket longer. Whether an answer came within
/// the timeout is decided by its measured time, not by the token. Only the dispatch loop calls <see cref="TokenAt"/>.
/// </summary>
internal sealed class AttemptTimeouts : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly long _bucketTicks;
    private readonly CancellationToken _deadline;
    private readonly TimeProvider _time;
    private readonly Queue<(CancellationTokenSource Timer, CancellationTokenSource Linked)> _buckets = new();
    private CancellationToken _current;
    private long _currentEnds = long.MinValue;

    public AttemptTimeouts(TimeSpan timeout, TimeProvider time, CancellationToken deadline)
    {
        _timeout = timeout;
        _deadline = deadline;
        _time = time;
        _bucketTicks = (long)(BucketWidth(timeout).TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>A twentieth of the timeout, between 1 and 100 ms: at most 5% more time for a hung request to give its slot back.</summary>
    public static TimeSpan BucketWidth(TimeSpan timeout) =>
        TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 20, TimeSpan.TicksPerMillisecond, 100 * TimeSpan.TicksPerMillisecond));

    /// <summary>Buckets made so far and not yet disposed (their requests may still run).</summary>
    public int LiveBuckets => _buckets.Count;

    /// <summary>The token for a request dispatched at <paramref name="timestamp"/> (of the injected clock).</summary>
    public CancellationToken TokenAt(long timestamp)
    {
        if (timestamp < _currentEnds)
        {
            return _current;
        }
        // Buckets whose timer has fired have cancelled every request they carried: nothing can need them any more.
        while (_buckets.TryPeek(out var oldest) && oldest.Timer.IsCancellationRequested)
        {
            _buckets.Dequeue();
            oldest.Linked.Dispose();
            oldest.Timer.Dispose();
        }
        var timer = new CancellationTokenSource(_timeout + BucketWidth(_timeout), _time);
        var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, _deadline);
        _buckets.Enqueue((timer, linked));
        _current = linked.Token;
        _currentEnds = timestamp + _bucketTicks;
        return _current;
    }

    public void Dispose()
    {
        while (_buckets.TryDequeue(out var bucket))
        {
            bucket.Linked.Dispose();
            bucket.Timer.Dispose();
        }
    }
}
