using System.Globalization;
using System.Text.Json;
using Chaos.Stack.Ml;
using Chaos.Stack.Pipeline.Validation;

namespace Chaos.Stack.Pipeline;

/// <summary>
/// Reads an ingest body: <c>{"batchId": "b1", "rows": [{"id": "r1", "eventTime": "2026-01-01T00:00:00Z", "features": [8 numbers]
/// or {"income": 52.0, ...}, "label": true}]}</c>. Only the envelope can fail the request; a malformed row becomes a row that
/// validation quarantines with its reason, so it is counted, not lost.
/// </summary>
public static class BatchReader
{
    /// <summary>The batch, or an error naming what is wrong with the envelope.</summary>
    public static (IngestBatch? Batch, string? Error) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "the body must be a JSON object {\"batchId\": ..., \"rows\": [...]}");
        }

        if (!root.TryGetProperty("batchId", out var batchId) || batchId.ValueKind != JsonValueKind.String || batchId.GetString() is not { Length: > 0 and <= 200 } id)
        {
            return (null, "'batchId' must be a non-empty string of at most 200 characters");
        }

        if (!root.TryGetProperty("rows", out var rows) || rows.ValueKind != JsonValueKind.Array)
        {
            return (null, "'rows' must be an array of row objects");
        }

        return (new IngestBatch(id, rows.EnumerateArray().Select(ReadRow).ToList()), null);
    }

    /// <summary>Reads live inference inputs for the drift monitor: <c>{"inputs": [[8 numbers], ...]}</c>.</summary>
    public static (IReadOnlyList<float[]>? Rows, string? Error) ReadInputs(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
        {
            return (null, "the body must be {\"inputs\": [[8 numbers], ...]}");
        }

        var rows = new List<float[]>();
        var index = 0;
        foreach (var row in inputs.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != CreditTask.FeatureCount || row.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
            {
                return (null, $"inputs[{index.ToString(CultureInfo.InvariantCulture)}] must be {CreditTask.FeatureCount} numbers ({string.Join(", ", CreditTask.FeatureNames)})");
            }

            rows.Add(row.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray());
            index++;
        }

        return (rows, null);
    }

    private static IngestRow ReadRow(JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            return new IngestRow(null, null, [], null);
        }

        var id = row.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
        DateTimeOffset? eventTime = row.TryGetProperty("eventTime", out var timeValue) && timeValue.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(timeValue.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        bool? label = row.TryGetProperty("label", out var labelValue) && labelValue.ValueKind is JsonValueKind.True or JsonValueKind.False ? labelValue.GetBoolean() : null;
        var values = CreditTask.FeatureNames.Select(_ => RawValue.Absent).ToArray();
        if (row.TryGetProperty("features", out var features))
        {
            if (features.ValueKind == JsonValueKind.Array)
            {
                values = features.EnumerateArray().Select(Value).ToArray();
            }
            else if (features.ValueKind == JsonValueKind.Object)
            {
                for (var f = 0; f < CreditTask.FeatureCount; f++)
                {
                    values[f] = features.TryGetProperty(CreditTask.FeatureNames[f], out var value) ? Value(value) : RawValue.Absent;
                }
            }
        }

        return new IngestRow(id, eventTime, values, label);
    }

    private static RawValue Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => RawValue.Of(value.GetDouble()),
        JsonValueKind.Null => RawValue.Null,
        JsonValueKind.String => RawValue.OfText(value.GetString()!),
        _ => RawValue.OfText(value.GetRawText()),
    };
}
