namespace Chaos.Reporting;

/// <summary>One second of the measured window: what was intended, how each request ended, and latency of the successful ones.</summary>
public sealed record IntervalSummary(
    int Second, long Intended, long Ok, long Degraded, long ClientErrors, long ServerErrors, long Timeouts, long ConnectionErrors,
    long Dropped, double? P50Ms, double? P99Ms)
{
    /// <summary>95th percentile latency of the successful answers; null without any (and in reports written before it was kept).</summary>
    public double? P95Ms { get; init; }

    /// <summary>Requests that did not end in a successful answer, dropped ones included.</summary>
    public long Errors => ClientErrors + ServerErrors + Timeouts + ConnectionErrors + Dropped;
}
