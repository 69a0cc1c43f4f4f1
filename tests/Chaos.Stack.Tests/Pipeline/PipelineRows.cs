using System.Globalization;
using Chaos.Stack.Ml;
using Chaos.Stack.Pipeline.Table;
using Chaos.Stack.Pipeline.Validation;

namespace Chaos.Stack.Tests.Pipeline;

/// <summary>Batches and rows drawn from the credit task for pipeline tests.</summary>
internal static class PipelineRows
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static IngestRow Ingest(CreditExample example, string id, DateTimeOffset? eventTime = null) =>
        new(id, eventTime ?? Now.AddMinutes(-1), example.Features.Select(f => RawValue.Of(f)).ToList(), example.Label);

    public static IngestBatch Batch(string batchId, int rows, int seed) =>
        new(batchId, CreditTask.Generate(rows, seed).Select((e, i) => Ingest(e, $"{batchId}-{i.ToString(CultureInfo.InvariantCulture)}")).ToList());

    public static List<TableRow> TableRows(string batchId, int rows, int seed, CreditDrift? drift = null, long firstIndex = 0) =>
        DriftingCreditTask.Generate(rows, seed, drift ?? CreditDrift.None, firstIndex)
            .Select((e, i) => new TableRow($"{batchId}-{i.ToString(CultureInfo.InvariantCulture)}", Now, batchId, e.Features, e.Label))
            .ToList();

    public static IngestRow WithValue(IngestRow row, int column, RawValue value)
    {
        var values = row.Values.ToArray();
        values[column] = value;
        return row with { Values = values };
    }
}
