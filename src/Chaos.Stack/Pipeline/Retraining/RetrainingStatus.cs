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
    int LiveRows,
    TrainingProgress? Current);

/// <summary>The run in training now: the stage it has finished (<see cref="ResumedFromStage"/> before the first) of <see cref="Stages"/>.</summary>
public sealed record TrainingProgress(string RunId, string Trigger, int Stage, int Stages, int ResumedFromStage);
