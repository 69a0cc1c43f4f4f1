namespace Chaos.Stack.Contracts;

/// <summary>The content of models.json: every model a training run wrote, with its digest.</summary>
public sealed record ModelManifest(int Seed, IReadOnlyList<ModelManifestEntry> Models)
{
    /// <summary>The file name of the manifest inside a model directory.</summary>
    public const string FileName = "models.json";
}
