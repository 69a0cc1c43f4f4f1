using Chaos.Stack.Pipeline.Table;
using Chaos.Stack.Pipeline.Validation;

namespace Chaos.Stack.Pipeline;

/// <summary>
/// Ingests one batch: validates it (unless validation is off), keeps quarantined rows and rejected batches on disk, commits
/// the accepted rows, and only then acknowledges. Counts in = accepted + quarantined + rejected, always.
/// </summary>
public sealed class BatchIngestor : IDisposable
{
    private readonly BatchValidator? validator;
    private readonly QuarantineStore quarantine;
    private readonly IFeatureStore store;
    private readonly TimeProvider timeProvider;
    private readonly SemaphoreSlim ingestGate = new(1, 1);
    private HashSet<string>? committedIds;
    private long rowsIn;
    private long rowsAccepted;
    private long rowsQuarantined;
    private long rowsRejected;
    private long batchesRejected;

    /// <summary>An ingestor; a null <paramref name="validator"/> switches validation off.</summary>
    public BatchIngestor(BatchValidator? validator, QuarantineStore quarantine, IFeatureStore store, TimeProvider timeProvider)
    {
        this.validator = validator;
        this.quarantine = quarantine;
        this.store = store;
        this.timeProvider = timeProvider;
    }

    /// <summary>Running totals since start.</summary>
    public IngestTotals Totals => new(Interlocked.Read(ref rowsIn), Interlocked.Read(ref rowsAccepted), Interlocked.Read(ref rowsQuarantined), Interlocked.Read(ref rowsRejected), Interlocked.Read(ref batchesRejected));

    /// <summary>Validates, stores and commits one batch; returns what happened to its rows and the version that holds them.</summary>
    public async Task<IngestResult> IngestAsync(IngestBatch batch, CancellationToken cancellationToken) =>
        (await IngestWithRowsAsync(batch, cancellationToken)).Result;

    /// <summary>As <see cref="IngestAsync"/>, also returning the rows committed (for the live-quality check).</summary>
    public async Task<(IngestResult Result, IReadOnlyList<TableRow> Committed)> IngestWithRowsAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        // One batch at a time: duplicate detection needs the ids of every earlier accepted row.
        await ingestGate.WaitAsync(cancellationToken);
        try
        {
            var ids = committedIds ??= (await store.ReadLatestAsync(cancellationToken)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            var outcome = validator is null ? BatchValidator.AcceptAll(batch, timeProvider) : validator.Validate(batch, ids.Contains);
            await quarantine.SaveAsync(batch, outcome, cancellationToken);
            long? version = null;
            if (outcome.Accepted.Count > 0)
            {
                version = await store.AppendRowsAsync(outcome.Accepted, batch.BatchId, cancellationToken);
                ids.UnionWith(outcome.Accepted.Select(r => r.Id));
            }

            Interlocked.Add(ref rowsIn, outcome.RowsIn);
            Interlocked.Add(ref rowsAccepted, outcome.Accepted.Count);
            Interlocked.Add(ref rowsQuarantined, outcome.Quarantined.Count);
            Interlocked.Add(ref rowsRejected, outcome.RowsRejected);
            if (outcome.Rejected)
            {
                Interlocked.Increment(ref batchesRejected);
            }

            var result = new IngestResult(batch.BatchId, outcome.RowsIn, outcome.Accepted.Count, outcome.Quarantined.Count, outcome.RowsRejected, outcome.RejectionReason, version,
                outcome.Quarantined.Take(20).Select(q => $"row {q.Position}: {string.Join("; ", q.Reasons)}").ToList());
            return (result, outcome.Accepted);
        }
        finally
        {
            ingestGate.Release();
        }
    }

    /// <summary>Forgets the cached ids, so the next batch reloads them (after a rollback changed the table).</summary>
    public void InvalidateIds() => committedIds = null;

    /// <inheritdoc />
    public void Dispose() => ingestGate.Dispose();
}
