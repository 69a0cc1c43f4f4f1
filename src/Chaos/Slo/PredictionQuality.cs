namespace Chaos.Slo;

/// <summary>
/// Prediction quality of a set of labelled predictions. <see cref="Auc"/> is null without both labels present; <see cref="AccuracyGap"/>
/// is null with fewer than two groups; <see cref="Invalid"/> counts probabilities that were not a number in [0, 1].
/// </summary>
public sealed record PredictionQuality(
    int Count, int Invalid, double Accuracy, double? Auc, IReadOnlyDictionary<string, double> GroupAccuracy, double? AccuracyGap);
