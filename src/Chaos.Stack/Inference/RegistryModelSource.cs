using System.Text.Json;
using Chaos.Stack.Registry;

namespace Chaos.Stack.Inference;

/// <summary>Loads a model version from the registry: resolves the champion, downloads the artifact, verifies it, then loads it.</summary>
public sealed class RegistryModelSource(ModelLoader loader, RegistryClient registry, string modelName) : IModelSource
{
    /// <inheritdoc />
    public async Task<ModelLoadResult> LoadAsync(string? version, CancellationToken cancellationToken)
    {
        try
        {
            var resolved = version ?? await registry.ResolveAliasAsync(modelName, StoredAliases.ChampionAlias, cancellationToken);
            var metadata = await registry.GetVersionAsync(modelName, resolved, cancellationToken);
            var artifact = await registry.DownloadArtifactAsync(modelName, resolved, cancellationToken);
            var origin = registry.ArtifactAddress(modelName, resolved).ToString();
            return loader.Load(metadata.ToManifestEntry(origin), artifact, origin, $"the registry's record of {modelName} version {resolved}", metadata.SizeBytes);
        }
        catch (Exception exception) when (exception is RegistryException or HttpRequestException or JsonException
            || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return loader.Refuse(modelName, $"cannot fetch '{modelName}' {version ?? StoredAliases.ChampionAlias} from the registry at {registry.BaseAddress}: {exception.Message}");
        }
    }
}
