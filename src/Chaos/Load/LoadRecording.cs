namespace Chaos.Load;

/// <summary>
/// The intervals a run records into, readable while the load runs (guardrails and live progress read them).
/// Each interval is locked while it is written or read.
/// </summary>
public sealed class LoadRecording
{
    private readonly LoadInterval[] _intervals;

    /// <summary>One interval per second of the measured window; with the latency SLO's threshold, each also counts the answers within it from the actual send.</summary>
    public LoadRecording(int measuredSeconds, TimeSpan? latencyThreshold = null) =>
        _intervals = Enumerable.Range(0, measuredSeconds).Select(i => new LoadInterval(i, latencyThreshold)).ToArray();

    public IReadOnlyList<LoadInterval> Intervals => _intervals;

    /// <summary>The interval of an intended send time, or null outside the measured window.</summary>
    public LoadInterval? IntervalAt(TimeSpan sinceMeasuredStart)
    {
        var index = (int)Math.Floor(sinceMeasuredStart.TotalSeconds);
        return index >= 0 && index < _intervals.Length ? _intervals[index] : null;
    }

    public static void Record(LoadInterval? interval, Outcome outcome, long latencyMicros) => Record(interval, outcome, latencyMicros, latencyMicros);

    public static void Record(LoadInterval? interval, Outcome outcome, long latencyMicros, long fromSendMicros)
    {
        if (interval is null)
        {
            return;
        }
        lock (interval)
        {
            interval.Record(outcome, latencyMicros, fromSendMicros);
        }
    }

    /// <summary>A consistent copy of one interval's counts (no histogram), safe to read during the run.</summary>
    public IntervalCounts Snapshot(int index)
    {
        var interval = _intervals[index];
        lock (interval)
        {
            var counts = Enum.GetValues<Outcome>().ToDictionary(o => o, interval.Count);
            var p99 = interval.Latency.TotalCount == 0 ? (long?)null : interval.Latency.GetValueAtPercentile(99);
            return new IntervalCounts(index, counts, p99);
        }
    }
}
