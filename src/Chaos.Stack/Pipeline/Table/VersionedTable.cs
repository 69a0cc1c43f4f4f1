using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Registry;
using Parquet.Serialization;

namespace Chaos.Stack.Pipeline.Table;

/// <summary>
/// A transactional, versioned table in the style of Delta Lake: immutable Parquet data files under <c>data/</c> plus an
/// append-only commit log under <c>_log/</c>. A commit writes its data file first, then publishes log entry N by creating the
/// name <c>_log/N.json</c> as a symbolic link to a fully written, fsynced entry file: the entry appears whole or not at all,
/// and of two writers racing for N exactly one wins (the other sees the name taken: optimistic concurrency). Readers replay entries 0..N, so they
/// see only committed versions; a data file without a log entry (a writer killed mid-commit) is never read.
/// </summary>
public sealed class VersionedTable : IFeatureStore
{
    private const string LogFolder = "_log";
    private const string DataFolder = "data";
    private const string EntriesFolder = "_entries";
    private const int MaxCommitAttempts = 64;

    private readonly string root;
    private readonly TimeProvider timeProvider;
    private readonly ConcurrentDictionary<long, CommitEntry> entries = new();
    private long conflicts;

    private VersionedTable(string root, TimeProvider timeProvider)
    {
        this.root = root;
        this.timeProvider = timeProvider;
    }

    /// <summary>Where the table lives.</summary>
    public string Root => root;

    /// <summary>Commit attempts that lost a race for a version and were retried or refused.</summary>
    public long Conflicts => Interlocked.Read(ref conflicts);

    /// <summary>When set, the next commit stops at this point as if the process were killed there (crash tests).</summary>
    public CrashPlan? CrashNextCommit { get; set; }

    /// <summary>Opens the table under <paramref name="root"/>, creating version 0 (empty) when there is none.</summary>
    public static async Task<VersionedTable> OpenAsync(string root, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(full, LogFolder, EntriesFolder));
        Directory.CreateDirectory(Path.Combine(full, DataFolder));
        var table = new VersionedTable(full, timeProvider);
        if (!Published(table.LogPath(0)))
        {
            var create = new CommitEntry(0, -1, timeProvider.GetUtcNow(), CommitEntry.CreateOperation, [], []);
            // Two processes opening a new table race here too; the loser simply reads the winner's version 0.
            await table.TryPublishAsync(create, cancellationToken);
        }

        return table;
    }

    /// <summary>The newest committed version.</summary>
    public long LatestVersion()
    {
        var versions = Directory.EnumerateFiles(Path.Combine(root, LogFolder), "*.json")
            .Select(f => long.TryParse(Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1)
            .Where(v => v >= 0)
            .ToHashSet();
        var latest = 0L;
        while (versions.Contains(latest + 1))
        {
            latest++;
        }

        return latest;
    }

    /// <summary>Every committed log entry, oldest first.</summary>
    public async Task<IReadOnlyList<CommitEntry>> HistoryAsync(CancellationToken cancellationToken)
    {
        var latest = LatestVersion();
        var history = new List<CommitEntry>();
        for (var version = 0L; version <= latest; version++)
        {
            history.Add(await EntryAsync(version, cancellationToken));
        }

        return history;
    }

    /// <summary>The table as of <paramref name="version"/> (time travel), or the latest when null.</summary>
    public async Task<TableSnapshot> SnapshotAsync(long? version, CancellationToken cancellationToken)
    {
        var latest = LatestVersion();
        var target = version ?? latest;
        if (target < 0 || target > latest)
        {
            throw new ArgumentOutOfRangeException(nameof(version), $"the table has versions 0 to {latest}; version {target} does not exist");
        }

        var files = new Dictionary<string, DataFile>(StringComparer.Ordinal);
        var order = new List<string>();
        CommitEntry? last = null;
        for (var v = 0L; v <= target; v++)
        {
            last = await EntryAsync(v, cancellationToken);
            foreach (var removed in last.Remove)
            {
                files.Remove(removed);
            }

            foreach (var added in last.Add)
            {
                if (files.TryAdd(added.Path, added))
                {
                    order.Add(added.Path);
                }
            }
        }

        return new TableSnapshot(target, last!.Timestamp, order.Where(files.ContainsKey).Select(p => files[p]).ToList());
    }

    /// <summary>Every row of <paramref name="version"/> (the latest when null).</summary>
    public async Task<IReadOnlyList<TableRow>> ReadAsync(long? version, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(version, cancellationToken);
        var rows = new List<TableRow>((int)snapshot.RowCount);
        foreach (var file in snapshot.Files)
        {
            await using var stream = File.OpenRead(Path.Combine(root, file.Path));
            var records = await ParquetSerializer.DeserializeAsync<ParquetTableRow>(stream, cancellationToken: cancellationToken);
            rows.AddRange(records.Data.Select(r => r.ToRow()));
        }

        return rows;
    }

    /// <inheritdoc />
    public async Task<long> AppendRowsAsync(IReadOnlyList<TableRow> rows, string batchId, CancellationToken cancellationToken) =>
        (await AppendAsync(rows, batchId, cancellationToken)).Version;

    /// <inheritdoc />
    public Task<IReadOnlyList<TableRow>> ReadLatestAsync(CancellationToken cancellationToken) => ReadAsync(null, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TableRow>> ReadVersionAsync(long? version, CancellationToken cancellationToken) => ReadAsync(version, cancellationToken);

    /// <inheritdoc />
    public async Task<StoreState> StateAsync(CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(null, cancellationToken);
        return new StoreState(snapshot.Version, snapshot.RowCount);
    }

    /// <inheritdoc />
    public string Location => root;

    /// <summary>Appends <paramref name="rows"/> as a new version; a lost race is retried on top of the winner (blind appends never conflict logically).</summary>
    public async Task<CommitEntry> AppendAsync(IReadOnlyList<TableRow> rows, string? batchId, CancellationToken cancellationToken)
    {
        var crash = TakeCrashPlan();
        var file = await WriteDataFileAsync(rows, crash, cancellationToken);
        return await CommitWithRetryAsync(
            snapshot => new CommitEntry(snapshot.Version + 1, snapshot.Version, timeProvider.GetUtcNow(), CommitEntry.AppendOperation, [file], [], batchId),
            crash,
            cancellationToken);
    }

    /// <summary>Appends only if the latest version is still <paramref name="readVersion"/>; otherwise throws <see cref="ConcurrentCommitException"/>.</summary>
    public async Task<CommitEntry> AppendIfLatestAsync(IReadOnlyList<TableRow> rows, long readVersion, string? batchId, CancellationToken cancellationToken)
    {
        var crash = TakeCrashPlan();
        var file = await WriteDataFileAsync(rows, crash, cancellationToken);
        var entry = new CommitEntry(readVersion + 1, readVersion, timeProvider.GetUtcNow(), CommitEntry.AppendOperation, [file], [], batchId);
        if (!await TryPublishAsync(entry, cancellationToken, crash))
        {
            Interlocked.Increment(ref conflicts);
            throw new ConcurrentCommitException(entry.Version);
        }

        return entry;
    }

    /// <summary>Rollback: a new version whose content equals version <paramref name="version"/>; history is kept, nothing is deleted.</summary>
    public async Task<CommitEntry> RestoreAsync(long version, CancellationToken cancellationToken)
    {
        var target = await SnapshotAsync(version, cancellationToken);
        var wanted = target.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        return await CommitWithRetryAsync(
            current =>
            {
                var present = current.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
                return new CommitEntry(
                    current.Version + 1,
                    current.Version,
                    timeProvider.GetUtcNow(),
                    CommitEntry.RestoreOperation,
                    target.Files.Where(f => !present.Contains(f.Path)).ToList(),
                    current.Files.Where(f => !wanted.Contains(f.Path)).Select(f => f.Path).ToList(),
                    RestoredVersion: version);
            },
            null,
            cancellationToken);
    }

    private async Task<CommitEntry> CommitWithRetryAsync(Func<TableSnapshot, CommitEntry> plan, CrashPlan? crash, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxCommitAttempts; attempt++)
        {
            var entry = plan(await SnapshotAsync(null, cancellationToken));
            if (await TryPublishAsync(entry, cancellationToken, crash))
            {
                return entry;
            }

            Interlocked.Increment(ref conflicts);
        }

        throw new ConcurrentCommitException(LatestVersion());
    }

    private CrashPlan? TakeCrashPlan()
    {
        var plan = CrashNextCommit;
        CrashNextCommit = null;
        return plan;
    }

    private async Task<DataFile> WriteDataFileAsync(IReadOnlyList<TableRow> rows, CrashPlan? crash, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows.Select(ParquetTableRow.From), buffer, cancellationToken: cancellationToken);
        var bytes = buffer.ToArray();
        var relative = $"{DataFolder}/part-{Guid.NewGuid():N}.parquet";
        var path = Path.Combine(root, relative);
        if (crash?.Stage == CommitStage.DataFilePartlyWritten)
        {
            await using var partial = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            await partial.WriteAsync(bytes.AsMemory(0, (int)(bytes.Length * Math.Clamp(crash.Fraction, 0, 1))), cancellationToken);
            partial.Flush(flushToDisk: true);
            throw new SimulatedCrashException($"killed after writing part of {relative}");
        }

        await AtomicFile.WriteDurableAsync(path, bytes, cancellationToken);
        if (crash?.Stage == CommitStage.DataFileWritten)
        {
            throw new SimulatedCrashException($"killed after writing {relative}, before its log entry");
        }

        return new DataFile(relative, rows.Count, bytes.LongLength, FileDigest.Sha256Hex(bytes));
    }

    /// <summary>Publishes a log entry unless its version exists; false when another writer got there first.</summary>
    private async Task<bool> TryPublishAsync(CommitEntry entry, CancellationToken cancellationToken, CrashPlan? crash = null)
    {
        var final = LogPath(entry.Version);
        if (Published(final))
        {
            return false;
        }

        // The entry's bytes go to their own file first (fsynced), then the log name is created as a symbolic link to it.
        // symlink(2) is atomic and fails with EEXIST when the name is taken: of two writers racing for a version exactly one
        // wins, and the name never shows a partly written entry. (File.Move without overwrite is not enough: on Linux it
        // checks for the destination and then renames, and two racing writers both "win", the later silently replacing the
        // earlier; the concurrent-writer test caught that.)
        var contentName = $"{entry.Version.ToString("D20", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.json";
        var contentPath = Path.Combine(root, LogFolder, EntriesFolder, contentName);
        await AtomicFile.WriteDurableAsync(contentPath, JsonSerializer.SerializeToUtf8Bytes(entry, StackJson.Options), cancellationToken);
        if (crash?.Stage == CommitStage.LogEntryStaged)
        {
            throw new SimulatedCrashException($"killed after staging log entry {entry.Version}, before publishing it");
        }

        try
        {
            File.CreateSymbolicLink(final, Path.Combine(EntriesFolder, contentName));
        }
        catch (IOException) when (Published(final))
        {
            File.Delete(contentPath);
            return false;
        }

        entries[entry.Version] = entry;
        return true;
    }

    private static bool Published(string logPath) => File.Exists(logPath) || new FileInfo(logPath).LinkTarget is not null;

    private async Task<CommitEntry> EntryAsync(long version, CancellationToken cancellationToken)
    {
        if (entries.TryGetValue(version, out var cached))
        {
            return cached;
        }

        await using var stream = File.OpenRead(LogPath(version));
        var entry = await JsonSerializer.DeserializeAsync<CommitEntry>(stream, StackJson.Options, cancellationToken)
            ?? throw new InvalidDataException($"{LogPath(version)} is empty");
        entries[version] = entry;
        return entry;
    }

    private string LogPath(long version) => Path.Combine(root, LogFolder, version.ToString("D20", CultureInfo.InvariantCulture) + ".json");
}
