namespace Chaos.Stack.Gateway;

/// <summary>
/// How long an attempt runs before a hedge races it: the configured delay, or the 95th percentile of the replicas' recent
/// answers when that is longer ("The Tail at Scale": hedge only once a request is slower than nearly all of its peers).
/// A fixed delay shorter than every answer hedges every request; when every replica is slow (a stack short of capacity)
/// that doubles the load on replicas that cannot carry what they have. Measured on the load-surge draft (0.1-CPU replicas,
/// answers of 70 ms and more): with a fixed 100 ms delay, 16% of answers came from the primary path; without hedging, 74%.
/// Answers of last-resort (fallback) replicas are not counted: they stand for another service.
/// </summary>
public sealed class AdaptiveHedgingDelay(TimeSpan floor, TimeProvider timeProvider)
{
    /// <summary>Answers remembered; the percentile is over the most recent of them.</summary>
    public const int Window = 256;

    /// <summary>Fewer answers than this: the configured delay.</summary>
    public const int MinimumSamples = 20;

    /// <summary>How long a computed percentile is reused before it is computed again.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(100);

    private readonly long[] _ticks = new long[Window];
    private readonly long[] _sorted = new long[Window];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;
    private long _computedAt = long.MinValue;
    private TimeSpan _current = floor;

    /// <summary>The configured delay, the least the hedge ever waits.</summary>
    public TimeSpan Floor { get; } = floor;

    /// <summary>An attempt answered (2xx or 4xx) after <paramref name="took"/>.</summary>
    public void Record(TimeSpan took)
    {
        lock (_lock)
        {
            _ticks[_next] = took.Ticks;
            _next = (_next + 1) % Window;
            _count = Math.Min(_count + 1, Window);
        }
    }

    /// <summary>The delay before the next hedge: the larger of <see cref="Floor"/> and the recent 95th percentile.</summary>
    public TimeSpan Current
    {
        get
        {
            var now = timeProvider.GetTimestamp();
            lock (_lock)
            {
                if (_computedAt != long.MinValue && timeProvider.GetElapsedTime(_computedAt, now) < Refresh)
                {
                    return _current;
                }
                _computedAt = now;
                if (_count < MinimumSamples)
                {
                    _current = Floor;
                    return _current;
                }
                Array.Copy(_ticks, _sorted, _count);
                Array.Sort(_sorted, 0, _count);
                var p95 = TimeSpan.FromTicks(_sorted[(int)Math.Ceiling(0.95 * _count) - 1]);
                _current = p95 > Floor ? p95 : Floor;
                return _current;
            }
        }
    }
}
