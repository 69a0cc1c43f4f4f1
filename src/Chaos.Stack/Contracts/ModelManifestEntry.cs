namespace Chaos.Stack.Contracts;

/// <summary>One model of models.json: where it is, its SHA-256, how to call it and how well it scored.</summary>
public sealed record ModelManifestEntry(
    string Name,
    string Version,
    string File,
    string Sha256,
    string Trainer,
    string OnnxInput,
    string OnnxOutput,
    IReadOnlyList<long> InputShape,
    ModelTrainingMetrics Metrics,
    int Seed)
{
    /// <summary>The range of each feature in the training data (lineage); empty when unknown, then only finiteness is checked.</summary>
    public IReadOnlyList<FeatureRange> FeatureRanges { get; init; } = [];
}
