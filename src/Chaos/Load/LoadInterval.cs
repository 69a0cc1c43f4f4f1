using HdrHistogram;

namespace Chaos.Load;

/// <summary>
/// Requests whose intended send time fell into one second of the measured window
/// (second <see cref="Index"/> counts from the end of the warm-up).
/// </summary>
public sealed class LoadInterval
{
    private readonly long[] _counts = new long[Enum.GetValues<Outcome>().Length];

    public LoadInterval(int index, TimeSpan? latencyThreshold = null)
    {
        Index = index;
        LatencyThreshold = latencyThreshold;
    }

    public int Index { get; }

    /// <summary>The latency SLO's threshold, when the run has one: what <see cref="FastFromSend"/> counts against.</summary>
    public TimeSpan? LatencyThreshold { get; }

    /// <summary>
    /// Successful answers within <see cref="LatencyThreshold"/> counted from the actual send, the generator's own lag taken
    /// out (0 without a threshold). Never fewer than those within it counted from the intended send time: a latency SLO that
    /// fails on these counts was missed by the stack, however late the generator sent.
    /// </summary>
    public long FastFromSend { get; private set; }

    /// <summary>Latency of successful answers (Ok and Degraded), microseconds, from the intended send time.</summary>
    public LongHistogram Latency { get; } = LatencyHistograms.Create();

    public long Count(Outcome outcome) => _counts[(int)outcome];

    /// <summary>Every good request the generator intended to send in this second, dropped ones included (corrupt ones the stack rejected are apart).</summary>
    public long Intended => _counts.Sum() - Count(Outcome.Rejected);

    public long Successful => Count(Outcome.Ok) + Count(Outcome.Degraded);

    public void Record(Outcome outcome, long latencyMicros) => Record(outcome, latencyMicros, latencyMicros);

    /// <summary>Records an outcome with its latency from the intended send time and from the actual send.</summary>
    public void Record(Outcome outcome, long latencyMicros, long fromSendMicros)
    {
        _counts[(int)outcome]++;
        if (outcome is Outcome.Ok or Outcome.Degraded)
        {
            Latency.RecordValue(Math.Clamp(latencyMicros, 1, LatencyHistograms.HighestMicros));
            if (LatencyThreshold is { } threshold && fromSendMicros <= threshold.TotalMicroseconds)
            {
                FastFromSend++;
            }
        }
    }
}
