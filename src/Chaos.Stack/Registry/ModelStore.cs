using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chaos.Stack.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Registry;

/// <summary>
/// The registry's storage: <c>DIR/{model}/versions/{n}/</c> holds an immutable artifact and its metadata, <c>DIR/{model}/aliases.json</c>
/// the aliases. A version is staged in a temporary folder, fsynced, then renamed into place, so readers see it whole or not at all.
/// </summary>
public sealed partial class ModelStore : IDisposable
{
    /// <summary>The artifact's file name inside a version folder.</summary>
    public const string ArtifactFileName = "artifact.onnx";

    /// <summary>The metadata's file name inside a version folder.</summary>
    public const string MetadataFileName = "version.json";

    private const string VersionsFolder = "versions";
    private const string AliasesFileName = "aliases.json";

    private readonly string root;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<ModelStore> logger;
    private readonly Lock gate = new();
    private readonly SemaphoreSlim writes = new(1, 1);
    private readonly Dictionary<string, StoredModel> models = new(StringComparer.Ordinal);

    private ModelStore(string root, TimeProvider timeProvider, ILogger<ModelStore> logger)
    {
        this.root = root;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>Opens (or creates) the store under <paramref name="root"/>, dropping what a crash left half-written.</summary>
    public static async Task<ModelStore> OpenAsync(string root, TimeProvider timeProvider, ILogger<ModelStore> logger, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        var store = new ModelStore(Path.GetFullPath(root), timeProvider, logger);
        foreach (var folder in Directory.GetDirectories(store.root))
        {
            var name = Path.GetFileName(folder);
            if (IsValidName(name))
            {
                await store.LoadModelAsync(name, folder, cancellationToken);
            }
            else
            {
                LogIgnored(logger, folder, "not a model name");
            }
        }

        return store;
    }

    /// <summary>Every model name, sorted.</summary>
    public IReadOnlyList<string> ModelNames()
    {
        lock (gate)
        {
            return models.Where(m => m.Value.Versions.Count > 0).Select(m => m.Key).Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The versions of a model, oldest first; null when the model is unknown.</summary>
    public IReadOnlyList<RegisteredModelVersion>? Versions(string name)
    {
        lock (gate)
        {
            return models.TryGetValue(name, out var model) && model.Versions.Count > 0 ? model.Versions.Values.ToList() : null;
        }
    }

    /// <summary>One version's metadata; null when unknown.</summary>
    public RegisteredModelVersion? Find(string name, string version)
    {
        lock (gate)
        {
            return models.TryGetValue(name, out var model) && TryParseVersion(version, out var number) ? model.Versions.GetValueOrDefault(number) : null;
        }
    }

    /// <summary>The aliases of a model; none for an unknown model.</summary>
    public StoredAliases Aliases(string name)
    {
        lock (gate)
        {
            return models.TryGetValue(name, out var model) ? model.Aliases : StoredAliases.None;
        }
    }

    /// <summary>Where the artifact of a known version lies on disk; it never changes once visible.</summary>
    public string ArtifactPath(string name, string version) => Path.Combine(VersionFolder(name, int.Parse(version, CultureInfo.InvariantCulture)), ArtifactFileName);

    /// <summary>Stores a new version: the digest is computed here, the version number assigned here.</summary>
    public async Task<RegisteredModelVersion> RegisterAsync(string name, ModelRegistration registration, byte[] artifact, CancellationToken cancellationToken)
    {
        RequireValidName(name);
        var digest = FileDigest.Sha256Hex(artifact);
        if (registration.Sha256 is { Length: > 0 } claimed && !string.Equals(claimed, digest, StringComparison.OrdinalIgnoreCase))
        {
            throw new RegistryException(StatusCodes.Status400BadRequest, $"the artifact's SHA-256 is {digest}, but the registration states {claimed}; the upload was altered or is not the file meant");
        }

        await writes.WaitAsync(cancellationToken);
        try
        {
            var modelFolder = Path.Combine(root, name);
            Directory.CreateDirectory(Path.Combine(modelFolder, VersionsFolder));
            var number = NextVersion(name, modelFolder);
            var version = new RegisteredModelVersion(
                name,
                number.ToString(CultureInfo.InvariantCulture),
                digest,
                artifact.LongLength,
                registration.Trainer,
                registration.OnnxInput,
                registration.OnnxOutput,
                registration.InputShape ?? [],
                registration.Metrics,
                registration.TrainingDataVersion,
                registration.CodeVersion,
                registration.Parameters ?? new Dictionary<string, string>(StringComparer.Ordinal),
                timeProvider.GetUtcNow())
            {
                FeatureRanges = registration.FeatureRanges ?? [],
            };

            var staging = Path.Combine(modelFolder, $"{AtomicFile.TemporaryPrefix}version-{Guid.NewGuid():N}");
            Directory.CreateDirectory(staging);
            try
            {
                await AtomicFile.WriteDurableAsync(Path.Combine(staging, ArtifactFileName), artifact, cancellationToken);
                await AtomicFile.WriteDurableAsync(Path.Combine(staging, MetadataFileName), JsonSerializer.SerializeToUtf8Bytes(version, StackJson.Options), cancellationToken);
                // The folder appears under its final name in one rename, with both files complete and on disk.
                Directory.Move(staging, VersionFolder(name, number));
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }

            lock (gate)
            {
                ModelFor(name).Versions[number] = version;
            }

            LogRegistered(logger, name, version.Version, digest, artifact.LongLength);
            return version;
        }
        finally
        {
            writes.Release();
        }
    }

    /// <summary>
    /// Stores a version copied from another registry under its own number, digest and lineage (replication): the bytes must
    /// match the digest the primary recorded. A number already held is left as it is (versions are immutable). Returns false
    /// when the version was already there.
    /// </summary>
    public async Task<bool> ImportAsync(RegisteredModelVersion version, byte[] artifact, CancellationToken cancellationToken)
    {
        RequireValidName(version.Name);
        if (!TryParseVersion(version.Version, out var number))
        {
            throw new RegistryException(StatusCodes.Status400BadRequest, $"'{version.Version}' is not a version number");
        }

        var digest = FileDigest.Sha256Hex(artifact);
        if (!string.Equals(digest, version.Sha256, StringComparison.OrdinalIgnoreCase) || artifact.LongLength != version.SizeBytes)
        {
            throw new RegistryException(StatusCodes.Status502BadGateway,
                $"the copy of {version.Name} version {version.Version} has SHA-256 {digest} ({artifact.LongLength} bytes), but the primary registered {version.Sha256} ({version.SizeBytes} bytes)");
        }

        await writes.WaitAsync(cancellationToken);
        try
        {
            if (Find(version.Name, version.Version) is not null)
            {
                return false;
            }

            var modelFolder = Path.Combine(root, version.Name);
            Directory.CreateDirectory(Path.Combine(modelFolder, VersionsFolder));
            var staging = Path.Combine(modelFolder, $"{AtomicFile.TemporaryPrefix}version-{Guid.NewGuid():N}");
            Directory.CreateDirectory(staging);
            try
            {
                await AtomicFile.WriteDurableAsync(Path.Combine(staging, ArtifactFileName), artifact, cancellationToken);
                await AtomicFile.WriteDurableAsync(Path.Combine(staging, MetadataFileName), JsonSerializer.SerializeToUtf8Bytes(version, StackJson.Options), cancellationToken);
                Directory.Move(staging, VersionFolder(version.Name, number));
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }

            lock (gate)
            {
                ModelFor(version.Name).Versions[number] = version;
            }

            LogRegistered(logger, version.Name, version.Version, digest, artifact.LongLength);
            return true;
        }
        finally
        {
            writes.Release();
        }
    }

    /// <summary>Sets both aliases as the primary has them (replication); every version they name must be held here.</summary>
    public Task<StoredAliases> ReplaceAliasesAsync(string name, StoredAliases aliases, CancellationToken cancellationToken) =>
        UpdateAliasesAsync(name, _ =>
        {
            foreach (var version in new[] { aliases.Champion, aliases.Previous }.OfType<string>())
            {
                if (Find(name, version) is null)
                {
                    throw new RegistryException(StatusCodes.Status409Conflict, $"model '{name}' has no version '{version}' here yet");
                }
            }

            return aliases;
        }, cancellationToken);

    /// <summary>Points <c>champion</c> at <paramref name="version"/> and <c>previous</c> at the old champion.</summary>
    public Task<StoredAliases> PromoteAsync(string name, string version, CancellationToken cancellationToken) =>
        UpdateAliasesAsync(name, current =>
        {
            var target = Find(name, version) ?? throw new RegistryException(StatusCodes.Status404NotFound, $"model '{name}' has no version '{version}'");
            return current.Champion == target.Version ? current : new StoredAliases(target.Version, current.Champion);
        }, cancellationToken);

    /// <summary>Points <c>champion</c> back at <c>previous</c>, which is then cleared.</summary>
    public Task<StoredAliases> RollbackAsync(string name, CancellationToken cancellationToken) =>
        UpdateAliasesAsync(name, current => current.Previous is { } previous
            ? new StoredAliases(previous, null)
            : throw new RegistryException(StatusCodes.Status409Conflict, $"model '{name}' has no previous champion to roll back to"), cancellationToken);

    private async Task<StoredAliases> UpdateAliasesAsync(string name, Func<StoredAliases, StoredAliases> change, CancellationToken cancellationToken)
    {
        if (Versions(name) is null)
        {
            throw new RegistryException(StatusCodes.Status404NotFound, $"model '{name}' is not registered");
        }

        await writes.WaitAsync(cancellationToken);
        try
        {
            var current = Aliases(name);
            var next = change(current);
            if (next != current)
            {
                await AtomicFile.ReplaceAsync(Path.Combine(root, name, AliasesFileName), JsonSerializer.SerializeToUtf8Bytes(next, StackJson.Options), cancellationToken);
                lock (gate)
                {
                    ModelFor(name).Aliases = next;
                }

                LogAliases(logger, name, next.Champion ?? "none", next.Previous ?? "none");
            }

            return next;
        }
        finally
        {
            writes.Release();
        }
    }

    private async Task LoadModelAsync(string name, string folder, CancellationToken cancellationToken)
    {
        foreach (var leftover in Directory.GetFileSystemEntries(folder, AtomicFile.TemporaryPrefix + "*"))
        {
            LogIgnored(logger, leftover, "an unfinished write (crash or kill during a write); removed");
            if (Directory.Exists(leftover))
            {
                Directory.Delete(leftover, recursive: true);
            }
            else
            {
                File.Delete(leftover);
            }
        }

        var model = ModelFor(name);
        var versionsFolder = Path.Combine(folder, VersionsFolder);
        foreach (var versionFolder in Directory.Exists(versionsFolder) ? Directory.GetDirectories(versionsFolder) : [])
        {
            var metadataPath = Path.Combine(versionFolder, MetadataFileName);
            if (!TryParseVersion(Path.GetFileName(versionFolder), out var number) || !File.Exists(metadataPath) || !File.Exists(Path.Combine(versionFolder, ArtifactFileName)))
            {
                LogIgnored(logger, versionFolder, "not a complete version folder");
                continue;
            }

            await using var stream = File.OpenRead(metadataPath);
            var version = await JsonSerializer.DeserializeAsync<RegisteredModelVersion>(stream, StackJson.Options, cancellationToken)
                ?? throw new InvalidDataException($"{metadataPath} is empty.");
            model.Versions[number] = version;
        }

        var aliasesPath = Path.Combine(folder, AliasesFileName);
        if (File.Exists(aliasesPath))
        {
            await using var stream = File.OpenRead(aliasesPath);
            model.Aliases = await JsonSerializer.DeserializeAsync<StoredAliases>(stream, StackJson.Options, cancellationToken) ?? StoredAliases.None;
        }
    }

    /// <inheritdoc />
    public void Dispose() => writes.Dispose();

    private int NextVersion(string name, string modelFolder)
    {
        // Count folders too that are not complete versions, so a new version never collides with a leftover.
        var onDisk = Directory.GetDirectories(Path.Combine(modelFolder, VersionsFolder))
            .Select(f => TryParseVersion(Path.GetFileName(f), out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();
        lock (gate)
        {
            var known = models.TryGetValue(name, out var model) && model.Versions.Count > 0 ? model.Versions.Keys[^1] : 0;
            return Math.Max(onDisk, known) + 1;
        }
    }

    private StoredModel ModelFor(string name)
    {
        lock (gate)
        {
            if (!models.TryGetValue(name, out var model))
            {
                model = new StoredModel();
                models[name] = model;
            }

            return model;
        }
    }

    private string VersionFolder(string name, int number) => Path.Combine(root, name, VersionsFolder, number.ToString(CultureInfo.InvariantCulture));

    /// <summary>True for names safe as a folder: lowercase letters, digits, dot, dash, underscore.</summary>
    public static bool IsValidName(string name) => ModelName().IsMatch(name);

    private static void RequireValidName(string name)
    {
        if (!IsValidName(name))
        {
            throw new RegistryException(StatusCodes.Status400BadRequest, $"'{name}' is not a valid model name: use 1-64 of a-z, 0-9, '.', '-', '_', starting with a letter or digit");
        }
    }

    private static bool TryParseVersion(string text, out int number) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0
        && number.ToString(CultureInfo.InvariantCulture) == text;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelName();

    private sealed class StoredModel
    {
        public SortedList<int, RegisteredModelVersion> Versions { get; } = [];

        public StoredAliases Aliases { get; set; } = StoredAliases.None;
    }
}
