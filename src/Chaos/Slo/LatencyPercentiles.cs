namespace Chaos.Slo;

/// <summary>Latency percentiles of successful answers, in milliseconds, from the intended send time.</summary>
public sealed record LatencyPercentiles(double P50Ms, double P95Ms, double P99Ms);
