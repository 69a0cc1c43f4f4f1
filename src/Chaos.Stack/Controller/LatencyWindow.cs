namespace Chaos.Stack.Controller;

/// <summary>
/// Turns each replica's cumulative latency histogram into the p99 of the last interval across all replicas: the difference
/// between this scrape and the previous one, summed per bucket, then interpolated inside the bucket as Prometheus'
/// <c>histogram_quantile</c> does.
/// </summary>
public sealed class LatencyWindow
{
    private Dictionary<string, IReadOnlyDictionary<double, double>> previous = new(StringComparer.Ordinal);

    /// <summary>Takes this interval's scrapes by container id; returns the interval's quantile, or null without requests.</summary>
    public TimeSpan? Advance(IReadOnlyDictionary<string, ReplicaMetrics> scrapes, double quantile = 0.99)
    {
        var delta = new SortedDictionary<double, double>();
        foreach (var (container, metrics) in scrapes)
        {
            // A replica's first scrape holds its whole history (startup probes included): it only sets the baseline.
            if (!previous.TryGetValue(container, out var before))
            {
                continue;
            }

            var reset = metrics.CumulativeBuckets.Any(b => b.Value < before.GetValueOrDefault(b.Key));
            foreach (var (bound, count) in metrics.CumulativeBuckets)
            {
                delta[bound] = delta.GetValueOrDefault(bound) + (reset ? count : count - before.GetValueOrDefault(bound));
            }
        }

        previous = scrapes.ToDictionary(s => s.Key, s => s.Value.CumulativeBuckets, StringComparer.Ordinal);
        return Quantile(delta, quantile);
    }

    private static TimeSpan? Quantile(SortedDictionary<double, double> cumulative, double quantile)
    {
        var total = cumulative.Count == 0 ? 0 : cumulative.Last().Value;
        if (total <= 0)
        {
            return null;
        }

        var rank = quantile * total;
        var lowerBound = 0.0;
        var lowerCount = 0.0;
        foreach (var (bound, count) in cumulative)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(bound))
                {
                    return TimeSpan.FromSeconds(lowerBound);
                }

                var within = count - lowerCount;
                var seconds = within <= 0 ? bound : lowerBound + ((bound - lowerBound) * (rank - lowerCount) / within);
                return TimeSpan.FromSeconds(seconds);
            }

            lowerBound = bound;
            lowerCount = count;
        }

        return TimeSpan.FromSeconds(lowerBound);
    }
}
