using Chaos.Stack.Pipeline.Table;

namespace Chaos.Stack.Pipeline.Validation;

/// <summary>
/// What validation made of a batch. Every incoming row is counted exactly once: accepted, quarantined, or (when the batch is
/// rejected whole) rejected.
/// </summary>
public sealed record ValidationOutcome(
    string BatchId,
    int RowsIn,
    IReadOnlyList<TableRow> Accepted,
    IReadOnlyList<QuarantinedRow> Quarantined,
    string? RejectionReason)
{
    /// <summary>True when the batch was rejected whole.</summary>
    public bool Rejected => RejectionReason is not null;

    /// <summary>Rows rejected with the batch: all of them when rejected, none otherwise.</summary>
    public int RowsRejected => Rejected ? RowsIn : 0;
}
