namespace Chaos.Stack.Pipeline.Retraining;

/// <summary>Quality of a model on labelled rows: AUC, accuracy at 0.5, and accuracy per group of the sensitive attribute.</summary>
public sealed record ModelQuality(double Auc, double Accuracy, double AccuracyGroup0, double AccuracyGroup1, int Rows)
{
    /// <summary>The accuracy gap between the two groups of the sensitive attribute.</summary>
    public double SubgroupGap => Math.Abs(AccuracyGroup0 - AccuracyGroup1);
}
