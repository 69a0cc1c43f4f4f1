namespace Chaos.Stack.Pipeline.Retraining;

/// <summary>One retraining run: why it started, what it trained on, how the candidate compared, and what was done.</summary>
public sealed record RetrainingRun(
    string RunId,
    string Trigger,
    long DataVersion,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int ResumedFromStage,
    int TrainRows,
    int HoldoutRows,
    ChampionDecision Decision,
    string? RegisteredVersion,
    bool Promoted);
