namespace Chaos.Stack.Inference;

/// <summary>Where a node's model comes from: a folder with models.json, or the registry.</summary>
public interface IModelSource
{
    /// <summary>Loads and verifies a version (null: the current one, e.g. the champion); never throws for a bad artifact.</summary>
    Task<ModelLoadResult> LoadAsync(string? version, CancellationToken cancellationToken);
}
