namespace Chaos.Stack.Contracts;

/// <summary>The metadata part of <c>POST /models/{name}/versions</c>; the registry computes the digest and assigns the version.</summary>
public sealed record ModelRegistration(
    string Trainer,
    string OnnxInput,
    string OnnxOutput,
    IReadOnlyList<long>? InputShape = null,
    ModelTrainingMetrics? Metrics = null,
    string? TrainingDataVersion = null,
    string? CodeVersion = null,
    IReadOnlyDictionary<string, string>? Parameters = null,
    string? Sha256 = null,
    IReadOnlyList<FeatureRange>? FeatureRanges = null);
