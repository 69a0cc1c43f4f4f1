using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chaos.Engine;

/// <summary>JSON settings of gate.json: camelCase, kebab-case enums, indented.</summary>
internal static class GateJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Targets such as ">= 99.5%" read as written, not as \u003E escapes (the files are not embedded in HTML).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
