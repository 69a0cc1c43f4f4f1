namespace Chaos.Slo;

/// <summary>Which prediction-quality number an SLO scores.</summary>
public enum PredictionQualityMetric
{
    /// <summary>Share of correct predictions at the 0.5 cut-off (a fraction, higher is better).</summary>
    Accuracy,
    /// <summary>Area under the ROC curve (0.5 is chance, 1 perfect).</summary>
    Auc,
    /// <summary>Highest minus lowest accuracy among the sensitive-attribute groups (a fraction, lower is better).</summary>
    AccuracyGap,
}
