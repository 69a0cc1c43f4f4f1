using System.Text.Json.Nodes;

namespace Chaos.Scenarios;

/// <summary>Small builders of JSON Schema nodes, so <see cref="ScenarioSchema"/> reads like the format it describes.</summary>
internal static class SchemaNodes
{
    /// <summary>A closed object whose properties are exactly <paramref name="keys"/>, in that order; a mismatch is a bug, so it throws.</summary>
    public static JsonObject Closed(string description, IReadOnlyList<string> keys, IReadOnlyList<string> required, params (string Key, JsonNode Schema)[] properties)
    {
        if (!keys.SequenceEqual(properties.Select(p => p.Key), StringComparer.Ordinal) || required.Except(keys, StringComparer.Ordinal).Any())
        {
            throw new InvalidOperationException($"The schema of '{description}' does not match the reader's keys: {string.Join(", ", keys)}.");
        }
        var node = new JsonObject
        {
            ["description"] = description,
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject(properties.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Schema))),
        };
        if (required.Count > 0)
        {
            node["required"] = Strings(required);
        }
        return node;
    }

    public static JsonObject Ref(string definition, string description) =>
        new() { ["$ref"] = $"#/$defs/{definition}", ["description"] = description };

    public static JsonObject Text(string description, string pattern) =>
        new() { ["description"] = description, ["type"] = "string", ["pattern"] = pattern };

    public static JsonObject Integer(string description, long minimum, long maximum) =>
        new() { ["description"] = description, ["type"] = "integer", ["minimum"] = minimum, ["maximum"] = maximum };

    public static JsonObject Number(string description, double minimum, double maximum) =>
        new() { ["description"] = description, ["type"] = "number", ["minimum"] = minimum, ["maximum"] = maximum };

    public static JsonObject Flag(string description) =>
        new() { ["description"] = description, ["type"] = "boolean" };

    public static JsonObject OneOf(string description, IEnumerable<string> values) =>
        new() { ["description"] = description, ["enum"] = Strings(values) };

    public static JsonObject Constant(string description, string value) =>
        new() { ["description"] = description, ["const"] = value };

    public static JsonObject List(string description, JsonNode items, int minItems, int? maxItems = null)
    {
        var node = new JsonObject { ["description"] = description, ["type"] = "array", ["items"] = items, ["minItems"] = minItems };
        if (maxItems is { } max)
        {
            node["maxItems"] = max;
        }
        return node;
    }

    public static JsonObject Variants(string description, IEnumerable<JsonNode> variants) =>
        new() { ["description"] = description, ["oneOf"] = new JsonArray([.. variants]) };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
