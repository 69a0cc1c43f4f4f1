namespace Chaos.Stack.Contracts;

/// <summary>Quality of a model on the seeded holdout set, and what its training cost.</summary>
public sealed record ModelTrainingMetrics(
    double Auc,
    double Accuracy,
    int TrainRows,
    int HoldoutRows,
    int HoldoutSeed,
    double TrainSeconds);
