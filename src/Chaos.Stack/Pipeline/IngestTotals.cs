namespace Chaos.Stack.Pipeline;

/// <summary>Row counts since start: in = accepted + quarantined + rejected.</summary>
public sealed record IngestTotals(long RowsIn, long RowsAccepted, long RowsQuarantined, long RowsRejected, long BatchesRejected);
