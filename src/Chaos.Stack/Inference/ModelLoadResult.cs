namespace Chaos.Stack.Inference;

/// <summary>A verified, loaded model, or the reason there is none.</summary>
public sealed record ModelLoadResult(ScoringModel? Model, string? Failure)
{
    /// <summary>A model that passed verification and loaded.</summary>
    public static ModelLoadResult Loaded(ScoringModel model) => new(model, null);

    /// <summary>No model, and why.</summary>
    public static ModelLoadResult Refused(string failure) => new(null, failure);
}
