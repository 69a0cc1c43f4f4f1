using System.Text.Json;
using Chaos.Stack.Contracts;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Inference;

/// <summary>Loads a model named in models.json, only after its SHA-256 matches the manifest.</summary>
public sealed partial class ModelLoader(SessionFactory sessions, ILogger<ModelLoader> logger)
{
    /// <summary>Loads the model, or returns the reason it cannot serve.</summary>
    public async Task<ModelSlot> LoadAsync(string modelDirectory, string modelName, CancellationToken cancellationToken)
    {
        var manifestPath = Path.Combine(modelDirectory, ModelManifest.FileName);
        try
        {
            await using var manifestStream = File.OpenRead(manifestPath);
            var manifest = await JsonSerializer.DeserializeAsync<ModelManifest>(manifestStream, StackJson.Options, cancellationToken)
                ?? throw new InvalidDataException($"{manifestPath} is empty.");
            var entry = manifest.Models.FirstOrDefault(m => m.Name == modelName);
            if (entry is null)
            {
                return Fail(modelName, $"model '{modelName}' is not listed in {manifestPath} (listed: {string.Join(", ", manifest.Models.Select(m => m.Name))})");
            }

            // Read once and verify the same bytes that are loaded, so the file cannot change in between.
            var modelPath = Path.Combine(modelDirectory, entry.File);
            var content = await File.ReadAllBytesAsync(modelPath, cancellationToken);
            var digest = FileDigest.Sha256Hex(content);
            if (!string.Equals(digest, entry.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                return Fail(modelName, $"SHA-256 of {modelPath} is {digest}, but {manifestPath} expects {entry.Sha256}; the file was altered or corrupted");
            }

            var (session, provider) = sessions.Create(content);
            LogLoaded(logger, modelName, entry.Version, provider, digest);
            return ModelSlot.Ready(new ScoringModel(entry, session, provider));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or InvalidDataException
            or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            return Fail(modelName, $"cannot load model '{modelName}' from {modelDirectory}: {exception.Message}");
        }
    }

    private ModelSlot Fail(string modelName, string reason)
    {
        LogNotReady(logger, modelName, reason);
        return ModelSlot.NotReady(reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} version {Version} loaded on {Provider}, sha256 {Digest} verified")]
    private static partial void LogLoaded(ILogger logger, string model, string version, string provider, string digest);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model} is NOT ready: {Reason}")]
    private static partial void LogNotReady(ILogger logger, string model, string reason);
}
