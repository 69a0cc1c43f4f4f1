namespace Chaos.Stack.Pipeline.Retraining;

/// <summary>The retraining state for the API and metrics.</summary>
public sealed record RetrainingStatus(
    bool Running,
    long Runs,
    long Promotions,
    long Rejections,
    long Rollbacks,
    long LastTrainedVersion,
    RetrainingRun? LastRun,
    string? LastError,
    string? LastRollbackReason,
    double? LiveAccuracy,
    int LiveRows);
