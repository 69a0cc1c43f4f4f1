namespace Chaos.Load;

/// <summary>One interval's outcome counts and p99 (microseconds), copied while the load runs.</summary>
public sealed record IntervalCounts(int Index, IReadOnlyDictionary<Outcome, long> Counts, long? P99Micros)
{
    public long Completed => Counts.Where(c => c.Key is not (Outcome.Dropped or Outcome.Rejected)).Sum(c => c.Value);

    public long Successful => Counts[Outcome.Ok] + Counts[Outcome.Degraded];

    /// <summary>Requests that ended without a successful answer, dropped ones included.</summary>
    public long Failed => Total - Successful;

    /// <summary>Good requests of the interval (corrupt ones the stack rightly rejected are apart).</summary>
    public long Total => Counts.Values.Sum() - Counts.GetValueOrDefault(Outcome.Rejected);
}
