using System.Globalization;
using System.Text.Json.Nodes;
using Chaos.Stack.Ml;

namespace Chaos.Load;

/// <summary>The body of the pipeline's <c>POST /batches</c>: labelled applicants with their ids and one event time.</summary>
public static class PipelineBatch
{
    public static JsonObject Build(string batchId, IEnumerable<(string Id, CreditExample Example)> rows, DateTimeOffset eventTime)
    {
        var time = eventTime.ToString("O", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["batchId"] = batchId,
            ["rows"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id,
                ["eventTime"] = time,
                ["features"] = Features(r.Example),
                ["label"] = r.Example.Label,
            })]),
        };
    }

    /// <summary>The 8 feature values in <see cref="CreditTask.FeatureNames"/> order.</summary>
    public static JsonArray Features(CreditExample example) => new([.. example.Features.Select(f => (JsonNode)JsonValue.Create(f))]);
}
