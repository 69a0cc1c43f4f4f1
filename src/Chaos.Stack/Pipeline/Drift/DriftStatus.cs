namespace Chaos.Stack.Pipeline.Drift;

/// <summary>The monitor's state for the API and metrics.</summary>
public sealed record DriftStatus(
    long RowsObserved,
    long WindowsChecked,
    long WindowAlarms,
    long StreamingAlarms,
    DateTimeOffset? LastAlarmAt,
    string? LastAlarmSource,
    DriftReport? LastReport,
    DriftThresholds Thresholds,
    double StreamingThreshold,
    long ReferenceRows);
