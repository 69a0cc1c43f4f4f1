using System.Reflection;
using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Ml;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Registry;

/// <summary>Registers every model of a models.json folder as a version and makes it champion, once per model.</summary>
public sealed partial class RegistrySeeder(ModelStore store, ILogger<RegistrySeeder> logger)
{
    /// <summary>Seeds the models of <paramref name="modelDirectory"/> the store does not hold yet; a digest mismatch stops the start.</summary>
    public async Task SeedAsync(string modelDirectory, CancellationToken cancellationToken)
    {
        var manifestPath = Path.Combine(modelDirectory, ModelManifest.FileName);
        await using var manifestStream = File.OpenRead(manifestPath);
        var manifest = await JsonSerializer.DeserializeAsync<ModelManifest>(manifestStream, StackJson.Options, cancellationToken)
            ?? throw new InvalidDataException($"{manifestPath} is empty.");
        foreach (var entry in manifest.Models)
        {
            if (store.Versions(entry.Name) is { Count: > 0 } existing)
            {
                LogAlreadySeeded(logger, entry.Name, existing.Count);
                continue;
            }

            var modelPath = Path.Combine(modelDirectory, entry.File);
            var artifact = await File.ReadAllBytesAsync(modelPath, cancellationToken);
            var digest = FileDigest.Sha256Hex(artifact);
            if (!string.Equals(digest, entry.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"SHA-256 of {modelPath} is {digest}, but {manifestPath} expects {entry.Sha256}; refusing to seed an altered file");
            }

            var version = await store.RegisterAsync(entry.Name, Registration(entry), artifact, cancellationToken);
            await store.PromoteAsync(entry.Name, version.Version, cancellationToken);
            LogSeeded(logger, entry.Name, version.Version, modelPath);
        }
    }

    /// <summary>The lineage models.json carries, in the form the registry stores.</summary>
    public static ModelRegistration Registration(ModelManifestEntry entry) => new(
        entry.Trainer,
        entry.OnnxInput,
        entry.OnnxOutput,
        entry.InputShape,
        entry.Metrics,
        $"credit-task:seed={entry.Seed},train-rows={entry.Metrics.TrainRows},holdout-seed={entry.Metrics.HoldoutSeed}",
        typeof(RegistrySeeder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["seed"] = entry.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["trainer"] = entry.Trainer,
            ["manifest_version"] = entry.Version,
        },
        entry.Sha256,
        TrainingRanges(entry));

    /// <summary>
    /// The feature ranges of the model's training data: the credit task is deterministic for a seed, so the rows the trainer
    /// saw are drawn again here (the manifest's seed and row count) rather than trusted from a copy.
    /// </summary>
    public static IReadOnlyList<FeatureRange> TrainingRanges(ModelManifestEntry entry) =>
        entry.FeatureRanges.Count > 0
            ? entry.FeatureRanges
            : FeatureRange.Observe(CreditTask.FeatureNames, CreditTask.Generate(entry.Metrics.TrainRows, entry.Seed).Select(e => (IReadOnlyList<float>)e.Features));

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Model} as version {Version} (champion) from {Path}")]
    private static partial void LogSeeded(ILogger logger, string model, string version, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding skipped for {Model}: the store already holds {Count} version(s)")]
    private static partial void LogAlreadySeeded(ILogger logger, string model, int count);
}
