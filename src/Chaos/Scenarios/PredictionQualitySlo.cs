namespace Chaos.Scenarios;

/// <summary>Prediction quality on live traffic against ground truth: <see cref="Metric"/> (accuracy or auc, 0 to 1) must meet <see cref="Target"/>.</summary>
public sealed record PredictionQualitySlo(string Metric, Threshold Target);
