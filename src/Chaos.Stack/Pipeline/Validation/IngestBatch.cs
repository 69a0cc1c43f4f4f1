namespace Chaos.Stack.Pipeline.Validation;

/// <summary>A batch of rows from one producer; <see cref="BatchId"/> names it in quarantine and in the table's log.</summary>
public sealed record IngestBatch(string BatchId, IReadOnlyList<IngestRow> Rows);
