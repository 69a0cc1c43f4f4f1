namespace Chaos.Scenarios;

/// <summary>The prediction-quality metrics <c>slos.predictionQuality.metric</c> may name: the one place that lists them.</summary>
public static class KnownPredictionMetrics
{
    /// <summary>Share of predictions whose class matches the ground truth.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>Area under the ROC curve of the predicted probabilities against the ground truth.</summary>
    public const string Auc = "auc";

    public static readonly IReadOnlySet<string> All = new SortedSet<string>(StringComparer.Ordinal) { Accuracy, Auc };
}
