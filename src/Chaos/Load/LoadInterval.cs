using HdrHistogram;

namespace Chaos.Load;

/// <summary>
/// Requests whose intended send time fell into one second of the measured window
/// (second <see cref="Index"/> counts from the end of the warm-up).
/// </summary>
public sealed class LoadInterval
{
    private readonly long[] _counts = new long[Enum.GetValues<Outcome>().Length];

    public LoadInterval(int index) => Index = index;

    public int Index { get; }

    /// <summary>Latency of successful answers (Ok and Degraded), microseconds, from the intended send time.</summary>
    public LongHistogram Latency { get; } = LatencyHistograms.Create();

    public long Count(Outcome outcome) => _counts[(int)outcome];

    /// <summary>Every good request the generator intended to send in this second, dropped ones included (corrupt ones the stack rejected are apart).</summary>
    public long Intended => _counts.Sum() - Count(Outcome.Rejected);

    public long Successful => Count(Outcome.Ok) + Count(Outcome.Degraded);

    public void Record(Outcome outcome, long latencyMicros)
    {
        _counts[(int)outcome]++;
        if (outcome is Outcome.Ok or Outcome.Degraded)
        {
            Latency.RecordValue(Math.Clamp(latencyMicros, 1, LatencyHistograms.HighestMicros));
        }
    }
}
