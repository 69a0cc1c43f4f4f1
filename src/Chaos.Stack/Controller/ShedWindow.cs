using Chaos.Stack.Hosting;

namespace Chaos.Stack.Controller;

/// <summary>
/// The share of the gateway's attempts refused because their replica was at its bound of outstanding requests (outcome
/// <c>busy</c> of <c>chaos_gateway_attempts_total</c>) over the last interval: demand the replicas never saw. Replica
/// metrics cannot show it, since the gateway's bulkhead keeps the excess away from them, so the controller reads it from
/// the gateway.
/// </summary>
public sealed class ShedWindow
{
    /// <summary>The gateway's attempt counter.</summary>
    public const string AttemptsSeries = "chaos_gateway_attempts_total";

    /// <summary>The outcome of an attempt refused by the bulkhead.</summary>
    public const string BusyOutcome = "busy";

    private (double Busy, double Total)? previous;

    /// <summary>Takes a scrape of the gateway (null when it failed); returns the interval's busy share, or null without attempts or a baseline.</summary>
    public double? Advance(string? gatewayMetrics)
    {
        if (gatewayMetrics is null || Totals(gatewayMetrics) is not { } now)
        {
            return null;
        }

        var before = previous;
        previous = now;

        // The first scrape only sets the baseline; a restarted gateway (counters went down) starts a new one.
        if (before is not { } last || now.Total < last.Total || now.Busy < last.Busy)
        {
            return null;
        }

        var attempts = now.Total - last.Total;
        return attempts <= 0 ? null : (now.Busy - last.Busy) / attempts;
    }

    /// <summary>Busy and all attempts, summed over replicas; null when the series is missing (not a gateway).</summary>
    public static (double Busy, double Total)? Totals(string metrics)
    {
        double busy = 0;
        double total = 0;
        var seen = false;
        foreach (var (series, value) in PrometheusText.Samples(metrics))
        {
            if (!series.StartsWith(AttemptsSeries + "{", StringComparison.Ordinal))
            {
                continue;
            }

            seen = true;
            total += value;
            if (series.Contains($"outcome=\"{BusyOutcome}\"", StringComparison.Ordinal))
            {
                busy += value;
            }
        }

        return seen ? (busy, total) : null;
    }
}
