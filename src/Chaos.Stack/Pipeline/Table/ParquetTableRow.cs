namespace Chaos.Stack.Pipeline.Table;

/// <summary>
/// The Parquet layout of a table row: one flat column per feature, so pandas, DuckDB or Spark read the data files without
/// this code. Event time is Unix milliseconds (UTC).
/// </summary>
internal sealed class ParquetTableRow
{
    public string Id { get; set; } = string.Empty;

    public long EventTimeUnixMs { get; set; }

    public string BatchId { get; set; } = string.Empty;

    public float Income { get; set; }

    public float DebtRatio { get; set; }

    public float Age { get; set; }

    public float CreditHistoryYears { get; set; }

    public float LatePayments { get; set; }

    public float LoanAmount { get; set; }

    public float EmploymentYears { get; set; }

    public float Group { get; set; }

    public bool? Label { get; set; }

    public static ParquetTableRow From(TableRow row) => new()
    {
        Id = row.Id,
        EventTimeUnixMs = row.EventTime.ToUnixTimeMilliseconds(),
        BatchId = row.BatchId,
        Income = row.Features[0],
        DebtRatio = row.Features[1],
        Age = row.Features[2],
        CreditHistoryYears = row.Features[3],
        LatePayments = row.Features[4],
        LoanAmount = row.Features[5],
        EmploymentYears = row.Features[6],
        Group = row.Features[7],
        Label = row.Label,
    };

    public TableRow ToRow() => new(
        Id,
        DateTimeOffset.FromUnixTimeMilliseconds(EventTimeUnixMs),
        BatchId,
        [Income, DebtRatio, Age, CreditHistoryYears, LatePayments, LoanAmount, EmploymentYears, Group],
        Label);
}
