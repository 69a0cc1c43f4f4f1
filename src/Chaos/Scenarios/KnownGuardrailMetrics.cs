namespace Chaos.Scenarios;

/// <summary>The metrics a guardrail may watch, each computed per one-second interval: the one place that lists them.</summary>
public static class KnownGuardrailMetrics
{
    /// <summary>Failed answers / intended requests of the interval; trips above a percentage.</summary>
    public const string ErrorRate = "errorRate";

    /// <summary>99th percentile latency of the interval; trips above a duration.</summary>
    public const string P99Latency = "p99Latency";

    /// <summary>Successful answers / intended requests of the interval; trips below a percentage.</summary>
    public const string Availability = "availability";

    public static readonly IReadOnlySet<string> All = new SortedSet<string>(StringComparer.Ordinal) { ErrorRate, P99Latency, Availability };

    /// <summary>True when the guardrail trips above its limit (key <c>above</c>), false when below (key <c>below</c>).</summary>
    public static bool TripsAbove(string metric) => metric != Availability;

    /// <summary>True when the limit is a duration (in seconds), false when a percentage (as a fraction).</summary>
    public static bool IsDuration(string metric) => metric == P99Latency;

    /// <summary>The key that holds the limit of <paramref name="metric"/>: <c>above</c> or <c>below</c>.</summary>
    public static string LimitKey(string metric) => TripsAbove(metric) ? "above" : "below";
}
