using Chaos.Stack.Hosting;

namespace Chaos.Stack.Controller;

/// <summary>
/// The mean number of attempts the gateway had outstanding at primary replicas over the last interval: the rate of its
/// <c>chaos_gateway_primary_attempt_seconds_total</c> (time outstanding summed over attempts; Little's law). It is the
/// replicas' queue as their callers see it. A replica held to a small CPU share keeps most of its queue in its socket
/// backlog while throttled, where its own in-flight gauge, read at a scrape, is almost always 0.
/// </summary>
public sealed class OutstandingWindow(TimeProvider timeProvider)
{
    private (double Seconds, long At)? previous;

    /// <summary>Takes a scrape of the gateway (null when it failed); returns the interval's mean attempts outstanding, or null without a baseline.</summary>
    public double? Advance(string? gatewayMetrics)
    {
        if (gatewayMetrics is null || Total(gatewayMetrics) is not { } seconds)
        {
            return null;
        }

        var at = timeProvider.GetTimestamp();
        var before = previous;
        previous = (seconds, at);

        // The first scrape only sets the baseline; a restarted gateway (the counter went down) starts a new one.
        if (before is not { } last || seconds < last.Seconds)
        {
            return null;
        }

        var elapsed = timeProvider.GetElapsedTime(last.At, at).TotalSeconds;
        return elapsed <= 0 ? null : (seconds - last.Seconds) / elapsed;
    }

    /// <summary>The counter's value; null when the series is missing (not a gateway, or one without it).</summary>
    public static double? Total(string metrics)
    {
        foreach (var (series, value) in PrometheusText.Samples(metrics))
        {
            if (series == Gateway.GatewayMetrics.PrimaryAttemptSecondsName)
            {
                return value;
            }
        }

        return null;
    }
}
