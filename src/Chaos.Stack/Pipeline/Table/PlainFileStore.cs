using System.Text.Json;
using Chaos.Stack.Contracts;

namespace Chaos.Stack.Pipeline.Table;

/// <summary>
/// The <c>no-transactional-store</c> variant: rows appended one line at a time to one JSON Lines file, no log, no versions.
/// A reader during a write sees part of a batch, a killed writer leaves part of one, and there is nothing to roll back to:
/// the weaknesses the transactional table exists to remove, kept real so a scenario can show them.
/// </summary>
public sealed class PlainFileStore : IFeatureStore, IDisposable
{
    private readonly string path;
    private readonly SemaphoreSlim writes = new(1, 1);

    /// <summary>A store writing <c>rows.jsonl</c> under <paramref name="root"/>.</summary>
    public PlainFileStore(string root)
    {
        Directory.CreateDirectory(root);
        path = Path.Combine(root, "rows.jsonl");
    }

    /// <inheritdoc />
    public async Task<long> AppendRowsAsync(IReadOnlyList<TableRow> rows, string batchId, CancellationToken cancellationToken)
    {
        await writes.WaitAsync(cancellationToken);
        try
        {
            await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            await using var writer = new StreamWriter(stream);
            foreach (var row in rows)
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(row, StackJson.Options).AsMemory(), cancellationToken);
                await writer.FlushAsync(cancellationToken);
            }

            return 0;
        }
        finally
        {
            writes.Release();
        }
    }

    /// <inheritdoc />
    public long LatestVersion() => 0;

    /// <inheritdoc />
    public string Location => path;

    /// <inheritdoc />
    public Task<IReadOnlyList<TableRow>> ReadVersionAsync(long? version, CancellationToken cancellationToken) => ReadLatestAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<StoreState> StateAsync(CancellationToken cancellationToken)
    {
        // No versions: the row count stands in for one, so the freshness rule still sees new data.
        var rows = (await ReadLatestAsync(cancellationToken)).Count;
        return new StoreState(rows, rows);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TableRow>> ReadLatestAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var rows = new List<TableRow>();
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            try
            {
                rows.Add(JsonSerializer.Deserialize<TableRow>(line, StackJson.Options)!);
            }
            catch (JsonException)
            {
                // A torn last line from a killed writer: what a plain file gives a reader.
            }
        }

        return rows;
    }

    /// <inheritdoc />
    public void Dispose() => writes.Dispose();
}
