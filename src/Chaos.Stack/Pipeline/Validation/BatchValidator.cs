using System.Globalization;
using Chaos.Stack.Pipeline.Table;

namespace Chaos.Stack.Pipeline.Validation;

/// <summary>
/// Schema enforcement and data-quality checks for one batch: row checks quarantine single rows with their reasons, batch
/// checks (quarantine share, null share per column, duplicate share, freshness) reject the batch whole.
/// </summary>
public sealed class BatchValidator(FeatureSchema schema, ValidationOptions options, TimeProvider timeProvider)
{
    /// <summary>Validates <paramref name="batch"/>; <paramref name="isCommitted"/> says whether an id is already in the table.</summary>
    public ValidationOutcome Validate(IngestBatch batch, Func<string, bool> isCommitted)
    {
        var now = timeProvider.GetUtcNow();
        var rows = batch.Rows;
        var accepted = new List<TableRow>(rows.Count);
        var quarantined = new List<QuarantinedRow>();
        var nullsPerColumn = new int[schema.Columns.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        DateTimeOffset? newest = null;

        for (var position = 0; position < rows.Count; position++)
        {
            var row = rows[position];
            var reasons = new List<string>();
            CheckValues(row, reasons, nullsPerColumn);
            if (string.IsNullOrWhiteSpace(row.Id))
            {
                reasons.Add("id: missing");
            }
            else if (!seen.Add(row.Id) || isCommitted(row.Id))
            {
                duplicates++;
                reasons.Add($"id: '{row.Id}' is a duplicate of an earlier row");
            }

            if (row.EventTime is not { } eventTime)
            {
                reasons.Add("eventTime: missing");
            }
            else
            {
                newest = newest is { } n && n >= eventTime ? n : eventTime;
                if (now - eventTime > options.MaxRowAge)
                {
                    reasons.Add($"eventTime: {eventTime:O} is older than {options.MaxRowAge.TotalHours.ToString(CultureInfo.InvariantCulture)} h (stale)");
                }
                else if (eventTime - now > options.MaxClockSkew)
                {
                    reasons.Add($"eventTime: {eventTime:O} is in the future");
                }
            }

            if (reasons.Count > 0)
            {
                quarantined.Add(new QuarantinedRow(position, row, reasons));
            }
            else
            {
                accepted.Add(new TableRow(row.Id!, row.EventTime!.Value, batch.BatchId, row.Values.Select(v => (float)v.Number!.Value).ToArray(), row.Label));
            }
        }

        var rejection = BatchRejection(rows.Count, quarantined.Count, nullsPerColumn, duplicates, newest, now);
        return rejection is null
            ? new ValidationOutcome(batch.BatchId, rows.Count, accepted, quarantined, null)
            : new ValidationOutcome(batch.BatchId, rows.Count, [], [], rejection);
    }

    /// <summary>The lenient path when validation is switched off: every row goes in, anything not a number becomes NaN.</summary>
    public static ValidationOutcome AcceptAll(IngestBatch batch, TimeProvider timeProvider)
    {
        var now = timeProvider.GetUtcNow();
        var rows = batch.Rows.Select((r, i) => new TableRow(
            string.IsNullOrWhiteSpace(r.Id) ? $"{batch.BatchId}-{i.ToString(CultureInfo.InvariantCulture)}" : r.Id,
            r.EventTime ?? now,
            batch.BatchId,
            r.Values.Select(v => v.ToFloatOrNaN()).ToArray(),
            r.Label)).ToList();
        return new ValidationOutcome(batch.BatchId, rows.Count, rows, [], null);
    }

    private void CheckValues(IngestRow row, List<string> reasons, int[] nullsPerColumn)
    {
        if (row.Values.Count != schema.Columns.Count)
        {
            reasons.Add($"features: {row.Values.Count} values, expected {schema.Columns.Count} ({string.Join(", ", schema.Columns.Select(c => c.Name))})");
            return;
        }

        for (var i = 0; i < schema.Columns.Count; i++)
        {
            var value = row.Values[i];
            if (value.Number is null)
            {
                nullsPerColumn[i]++;
            }

            if (schema.Columns[i].Check(value) is { } problem)
            {
                reasons.Add(problem);
            }
        }
    }

    private string? BatchRejection(int rowCount, int quarantinedCount, int[] nullsPerColumn, int duplicates, DateTimeOffset? newest, DateTimeOffset now)
    {
        if (rowCount == 0)
        {
            return null;
        }

        var problems = new List<string>();
        var quarantineShare = quarantinedCount / (double)rowCount;
        if (quarantineShare > options.MaxQuarantineShare)
        {
            problems.Add($"{Percent(quarantineShare)} of rows failed row checks (limit {Percent(options.MaxQuarantineShare)})");
        }

        for (var i = 0; i < nullsPerColumn.Length; i++)
        {
            var nullShare = nullsPerColumn[i] / (double)rowCount;
            if (nullShare > options.MaxNullShare)
            {
                problems.Add($"column {schema.Columns[i].Name} is {Percent(nullShare)} null (limit {Percent(options.MaxNullShare)})");
            }
        }

        var duplicateShare = duplicates / (double)rowCount;
        if (duplicateShare > options.MaxDuplicateShare)
        {
            problems.Add($"{Percent(duplicateShare)} of rows are duplicates (limit {Percent(options.MaxDuplicateShare)})");
        }

        if (newest is { } newestTime && now - newestTime > options.MaxBatchAge)
        {
            problems.Add($"the newest row is from {newestTime:O}, older than {options.MaxBatchAge.TotalHours.ToString(CultureInfo.InvariantCulture)} h (stale feed)");
        }

        return problems.Count == 0 ? null : "batch rejected: " + string.Join("; ", problems);
    }

    private static string Percent(double share) => (share * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
