namespace Chaos.Stack.Contracts;

/// <summary>One immutable version in the model registry: its digest, size and lineage (data, code, parameters, metrics).</summary>
public sealed record RegisteredModelVersion(
    string Name,
    string Version,
    string Sha256,
    long SizeBytes,
    string Trainer,
    string OnnxInput,
    string OnnxOutput,
    IReadOnlyList<long> InputShape,
    ModelTrainingMetrics? Metrics,
    string? TrainingDataVersion,
    string? CodeVersion,
    IReadOnlyDictionary<string, string> Parameters,
    DateTimeOffset RegisteredAt)
{
    /// <summary>The range of each feature in the training data; inference validation enforces them (empty: none declared).</summary>
    public IReadOnlyList<FeatureRange> FeatureRanges { get; init; } = [];

    /// <summary>The form the inference loader serves: a manifest entry whose file is where the bytes came from.</summary>
    public ModelManifestEntry ToManifestEntry(string origin) => new(
        Name,
        Version,
        origin,
        Sha256,
        Trainer,
        OnnxInput,
        OnnxOutput,
        InputShape,
        Metrics ?? new ModelTrainingMetrics(0, 0, 0, 0, 0, 0),
        int.TryParse(Parameters.GetValueOrDefault("seed"), System.Globalization.CultureInfo.InvariantCulture, out var seed) ? seed : 0)
    {
        FeatureRanges = FeatureRanges,
    };
}
