namespace Chaos.Stack.Pipeline.Validation;

/// <summary>A quarantined or rejected row as written to disk: its values as they arrived and why it was kept out.</summary>
public sealed record QuarantineRecord(string BatchId, int Position, string? Id, DateTimeOffset? EventTime, IReadOnlyList<string?> Values, bool? Label, IReadOnlyList<string> Reasons)
{
    /// <summary>The record of <paramref name="row"/> at <paramref name="position"/> of <paramref name="batchId"/>.</summary>
    public static QuarantineRecord Of(string batchId, int position, IngestRow row, IReadOnlyList<string> reasons) => new(
        batchId,
        position,
        row.Id,
        row.EventTime,
        row.Values.Select(v => v.Missing ? null : v.Text ?? v.Number?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "null").ToList(),
        row.Label,
        reasons);
}
