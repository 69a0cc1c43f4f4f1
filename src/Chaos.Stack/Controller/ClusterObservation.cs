namespace Chaos.Stack.Controller;

/// <summary>
/// Everything the policy sees in one interval: the replicas of the role, the mean in-flight requests per ready replica
/// and the p99 latency over the interval (null when no replica could be scraped or no request was answered).
/// </summary>
public sealed record ClusterObservation(IReadOnlyList<ReplicaObservation> Replicas, double? MeanInFlight, TimeSpan? P99Latency);
