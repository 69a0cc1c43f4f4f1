namespace Chaos.Stack.Pipeline;

/// <summary>The answer to an ingest: what happened to the batch's rows and the table version that holds the accepted ones.</summary>
public sealed record IngestResult(
    string BatchId,
    int RowsIn,
    int RowsAccepted,
    int RowsQuarantined,
    int RowsRejected,
    string? RejectionReason,
    long? Version,
    IReadOnlyList<string> QuarantineReasons);
