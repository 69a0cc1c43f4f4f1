namespace Chaos.Stack.Pipeline.Validation;

/// <summary>
/// Thresholds of the data-quality checks. A batch past any batch threshold is rejected whole; a row failing a row check is
/// quarantined with its reason.
/// </summary>
public sealed record ValidationOptions
{
    /// <summary>Largest share of rows a batch may lose to quarantine before the whole batch is rejected.</summary>
    public double MaxQuarantineShare { get; init; } = 0.2;

    /// <summary>Largest share of nulls (or non-numbers) in any one feature column before the batch is rejected.</summary>
    public double MaxNullShare { get; init; } = 0.1;

    /// <summary>Largest share of duplicate ids before the batch is rejected (a replayed feed).</summary>
    public double MaxDuplicateShare { get; init; } = 0.1;

    /// <summary>Rows whose event time is older than this are quarantined as stale.</summary>
    public TimeSpan MaxRowAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>A batch whose newest row is older than this is rejected as stale (the feed stopped updating).</summary>
    public TimeSpan MaxBatchAge { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Event times further ahead of the clock than this are quarantined (clock skew or garbage).</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);
}
