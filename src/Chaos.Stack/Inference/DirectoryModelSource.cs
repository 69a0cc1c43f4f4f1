namespace Chaos.Stack.Inference;

/// <summary>Loads the model from a folder with models.json, as <c>--model-dir</c> asks; it holds one version only.</summary>
public sealed class DirectoryModelSource(ModelLoader loader, string modelDirectory, string modelName) : IModelSource
{
    /// <inheritdoc />
    public async Task<ModelLoadResult> LoadAsync(string? version, CancellationToken cancellationToken)
    {
        var result = await loader.LoadFromDirectoryAsync(modelDirectory, modelName, cancellationToken);
        if (version is null || result.Model is null || result.Model.Entry.Version == version)
        {
            return result;
        }

        var available = result.Model.Entry.Version;
        result.Model.Dispose();
        return loader.Refuse(modelName, $"{modelDirectory} holds version '{available}' of '{modelName}', not '{version}'; start the node with --registry to load other versions");
    }
}
