using System.Text.Json;
using Chaos.Stack.Contracts;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Inference;

/// <summary>
/// Turns model bytes into a served model, only after their SHA-256 matches the recorded one (unless the integrity check is
/// switched off, the known-bad variant): a bit-flipped weight loads in ONNX Runtime, only the digest catches it.
/// </summary>
public sealed partial class ModelLoader(SessionFactory sessions, bool integrityCheck, ILogger<ModelLoader> logger)
{
    /// <summary>Loads the model listed in models.json of <paramref name="modelDirectory"/>, or returns the reason it cannot serve.</summary>
    public async Task<ModelLoadResult> LoadFromDirectoryAsync(string modelDirectory, string modelName, CancellationToken cancellationToken)
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
                return Refuse(modelName, $"model '{modelName}' is not listed in {manifestPath} (listed: {string.Join(", ", manifest.Models.Select(m => m.Name))})");
            }

            // Read once and verify the same bytes that are loaded, so the file cannot change in between.
            var modelPath = Path.Combine(modelDirectory, entry.File);
            var content = await File.ReadAllBytesAsync(modelPath, cancellationToken);
            return Load(entry, content, modelPath, manifestPath, expectedBytes: null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
        {
            return Refuse(modelName, $"cannot load model '{modelName}' from {modelDirectory}: {exception.Message}");
        }
    }

    /// <summary>Verifies <paramref name="content"/> against <paramref name="entry"/>'s digest, then creates the session; the digest comes first.</summary>
    public ModelLoadResult Load(ModelManifestEntry entry, byte[] content, string origin, string digestSource, long? expectedBytes)
    {
        var digest = FileDigest.Sha256Hex(content);
        if (!string.Equals(digest, entry.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            if (integrityCheck)
            {
                var size = expectedBytes is { } expected && expected != content.LongLength ? $" ({content.LongLength} bytes where {expected} were registered: truncated or padded)" : string.Empty;
                return Refuse(entry.Name, $"SHA-256 of {origin} is {digest}, but {digestSource} expects {entry.Sha256}{size}; the file was altered or corrupted");
            }

            LogUnverified(logger, entry.Name, entry.Version, digest, entry.Sha256);
        }

        try
        {
            var (session, provider) = sessions.Create(content);
            LogLoaded(logger, entry.Name, entry.Version, provider, digest, integrityCheck);
            // Report the digest of the bytes actually served, which differs from the record only without the integrity check.
            return ModelLoadResult.Loaded(new ScoringModel(entry with { Sha256 = digest }, session, provider));
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException exception)
        {
            return Refuse(entry.Name, $"ONNX Runtime cannot load {origin} (version {entry.Version}): {exception.Message}");
        }
    }

    /// <summary>Logs and returns a refusal.</summary>
    public ModelLoadResult Refuse(string modelName, string reason)
    {
        LogNotLoaded(logger, modelName, reason);
        return ModelLoadResult.Refused(reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} version {Version} loaded on {Provider}, sha256 {Digest} (integrity check {IntegrityCheck})")]
    private static partial void LogLoaded(ILogger logger, string model, string version, string provider, string digest, bool integrityCheck);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} version {Version} has sha256 {Digest}, not the recorded {Expected}; loading it anyway: integrity check is off")]
    private static partial void LogUnverified(ILogger logger, string model, string version, string digest, string expected);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model} NOT loaded: {Reason}")]
    private static partial void LogNotLoaded(ILogger logger, string model, string reason);
}
