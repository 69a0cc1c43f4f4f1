using System.Globalization;
using Chaos.Stack.Hosting;

namespace Chaos.Stack.Controller;

/// <summary>What the controller reads from one replica's <c>/metrics</c>: the in-flight gauge and the cumulative latency buckets.</summary>
public sealed record ReplicaMetrics(double InFlight, IReadOnlyDictionary<double, double> CumulativeBuckets)
{
    /// <summary>The inference node's in-flight gauge: requests being answered, those waiting for a scoring slot included.</summary>
    public const string InFlightSeries = "chaos_inference_requests_in_flight";

    /// <summary>Requests waiting for a scoring slot.</summary>
    public const string QueueDepthSeries = "chaos_inference_queue_depth";

    /// <summary>Busy fraction of the scoring slots (accelerator utilisation, or its CPU stand-in), 0 to 1.</summary>
    public const string UtilizationSeries = "chaos_inference_accelerator_utilization";

    /// <summary>The queue depth; null when the replica does not expose it.</summary>
    public double? QueueDepth { get; init; }

    /// <summary>The accelerator utilisation (or its stand-in); null when the replica does not expose it.</summary>
    public double? Utilization { get; init; }

    /// <summary>The inference node's latency histogram, buckets keyed by upper bound in seconds.</summary>
    public const string LatencyBucketSeries = "chaos_inference_request_duration_seconds_bucket";

    /// <summary>Parses Prometheus text; null when the in-flight gauge is missing (not an inference node, or a broken scrape).</summary>
    public static ReplicaMetrics? Parse(string text)
    {
        double? inFlight = null;
        double? queueDepth = null;
        double? utilization = null;
        var buckets = new Dictionary<double, double>();
        foreach (var (series, value) in PrometheusText.Samples(text))
        {
            if (series == InFlightSeries || series.StartsWith(InFlightSeries + "{", StringComparison.Ordinal))
            {
                inFlight = value;
            }
            else if (series == QueueDepthSeries || series.StartsWith(QueueDepthSeries + "{", StringComparison.Ordinal))
            {
                queueDepth = value;
            }
            else if (series == UtilizationSeries || series.StartsWith(UtilizationSeries + "{", StringComparison.Ordinal))
            {
                utilization = value;
            }
            else if (series.StartsWith(LatencyBucketSeries + "{", StringComparison.Ordinal) && UpperBound(series) is { } bound)
            {
                buckets[bound] = value;
            }
        }

        return inFlight is { } gauge ? new ReplicaMetrics(gauge, buckets) { QueueDepth = queueDepth, Utilization = utilization } : null;
    }

    private static double? UpperBound(string series)
    {
        const string Marker = "le=\"";
        var start = series.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += Marker.Length;
        var end = series.IndexOf('"', start);
        var text = series[start..end];
        if (text == "+Inf")
        {
            return double.PositiveInfinity;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound) ? bound : null;
    }
}
