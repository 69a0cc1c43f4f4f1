namespace Chaos.Slo;

/// <summary>
/// One scored SLO. <see cref="Measured"/> and <see cref="Margin"/> are in <see cref="Unit"/> (null when nothing could be measured);
/// <see cref="Margin"/> is positive on the good side of the target.
/// </summary>
public sealed record SloResult(
    string Name, string Target, double? Measured, double? Margin, SloStatus Status, string Unit, string Definition, long Samples)
{
    /// <summary>Why the status is what it is, when the numbers alone do not say it (never recovered, no data).</summary>
    public string? Message { get; init; }

    /// <summary>Percentiles reported with the latency SLO; null for other SLOs or without successful answers.</summary>
    public LatencyPercentiles? Percentiles { get; init; }
}
