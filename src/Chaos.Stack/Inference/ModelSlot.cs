namespace Chaos.Stack.Inference;

/// <summary>The model a node serves, or why it serves none (the node then stays unready).</summary>
public sealed class ModelSlot : IDisposable
{
    private ModelSlot(ScoringModel? model, string? failure)
    {
        Model = model;
        Failure = failure;
    }

    /// <summary>The loaded model; null when loading failed.</summary>
    public ScoringModel? Model { get; }

    /// <summary>Why no model is loaded; null when one is.</summary>
    public string? Failure { get; }

    /// <summary>A slot holding a verified model.</summary>
    public static ModelSlot Ready(ScoringModel model) => new(model, null);

    /// <summary>A slot with no model and the reason.</summary>
    public static ModelSlot NotReady(string failure) => new(null, failure);

    /// <inheritdoc />
    public void Dispose() => Model?.Dispose();
}
