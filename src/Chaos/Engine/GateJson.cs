using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chaos.Engine;

/// <summary>JSON settings of gate.json: camelCase, kebab-case enums, indented.</summary>
internal static class GateJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
