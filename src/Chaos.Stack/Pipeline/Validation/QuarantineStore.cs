using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Registry;

namespace Chaos.Stack.Pipeline.Validation;

/// <summary>
/// Keeps what validation kept out of the table: quarantined rows under <c>quarantine/</c> and whole rejected batches under
/// <c>rejected/</c>, one JSON Lines file per batch, each line a row with its reasons. Nothing that arrives is dropped.
/// </summary>
public sealed class QuarantineStore
{
    private readonly string quarantineFolder;
    private readonly string rejectedFolder;

    /// <summary>A store under <paramref name="root"/>.</summary>
    public QuarantineStore(string root)
    {
        quarantineFolder = Path.Combine(root, "quarantine");
        rejectedFolder = Path.Combine(root, "rejected");
        Directory.CreateDirectory(quarantineFolder);
        Directory.CreateDirectory(rejectedFolder);
    }

    /// <summary>Writes the quarantined rows of an outcome, or the whole batch when it was rejected.</summary>
    public async Task SaveAsync(IngestBatch batch, ValidationOutcome outcome, CancellationToken cancellationToken)
    {
        IEnumerable<QuarantineRecord> records;
        string folder;
        if (outcome.Rejected)
        {
            folder = rejectedFolder;
            records = batch.Rows.Select((row, i) => QuarantineRecord.Of(batch.BatchId, i, row, [outcome.RejectionReason!]));
        }
        else if (outcome.Quarantined.Count > 0)
        {
            folder = quarantineFolder;
            records = outcome.Quarantined.Select(q => QuarantineRecord.Of(batch.BatchId, q.Position, q.Row, q.Reasons));
        }
        else
        {
            return;
        }

        var lines = string.Join('\n', records.Select(r => JsonSerializer.Serialize(r, StackJson.Options))) + "\n";
        var name = $"{SafeName(batch.BatchId)}-{Guid.NewGuid():N}.jsonl";
        await AtomicFile.WriteDurableAsync(Path.Combine(folder, name), System.Text.Encoding.UTF8.GetBytes(lines), cancellationToken);
    }

    /// <summary>Every quarantined row on disk.</summary>
    public Task<IReadOnlyList<QuarantineRecord>> QuarantinedAsync(CancellationToken cancellationToken) => ReadAllAsync(quarantineFolder, cancellationToken);

    /// <summary>Every row of every rejected batch on disk.</summary>
    public Task<IReadOnlyList<QuarantineRecord>> RejectedAsync(CancellationToken cancellationToken) => ReadAllAsync(rejectedFolder, cancellationToken);

    private static async Task<IReadOnlyList<QuarantineRecord>> ReadAllAsync(string folder, CancellationToken cancellationToken)
    {
        var records = new List<QuarantineRecord>();
        foreach (var file in Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
            {
                if (line.Length > 0)
                {
                    records.Add(JsonSerializer.Deserialize<QuarantineRecord>(line, StackJson.Options)!);
                }
            }
        }

        return records;
    }

    private static string SafeName(string batchId)
    {
        var safe = new string(batchId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').Take(64).ToArray());
        return safe.Length == 0 ? "batch" : safe;
    }
}
