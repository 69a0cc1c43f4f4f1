namespace Chaos.Stack.Controller;

/// <summary>
/// Everything the policy sees in one interval: the replicas of the role, the mean in-flight requests per ready replica
/// and the p99 latency over the interval (null when no replica could be scraped or no request was answered).
/// </summary>
public sealed record ClusterObservation(IReadOnlyList<ReplicaObservation> Replicas, double? MeanInFlight, TimeSpan? P99Latency)
{
    /// <summary>Mean requests waiting for a scoring slot per scraped replica; null when none exposes it.</summary>
    public double? MeanQueueDepth { get; init; }

    /// <summary>Share of the gateway's attempts over the interval refused by its bound per replica (demand the replicas never saw); null without a gateway to read or attempts.</summary>
    public double? ShedFraction { get; init; }

    /// <summary>
    /// Running replicas whose readiness or metrics could not be read this interval. A replica too starved to answer its
    /// probe is no evidence of idleness: scale-in waits until every running replica is seen.
    /// </summary>
    public int Unobserved { get; init; }

    /// <summary>Mean accelerator utilisation (or its CPU stand-in) of the scraped replicas, 0 to 1; null when none exposes it.</summary>
    public double? MeanUtilization { get; init; }

    /// <summary>
    /// Mean attempts the gateway had outstanding per ready replica over the interval (its queue as callers see it, socket
    /// backlog included); null without a gateway to read.
    /// </summary>
    public double? GatewayInFlight { get; init; }
}
