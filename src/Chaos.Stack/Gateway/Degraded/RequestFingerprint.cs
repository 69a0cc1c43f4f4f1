using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Chaos.Stack.Gateway.Degraded;

/// <summary>
/// What identifies an inference request for the answer cache: the path and the normalized inputs
/// (name, datatype, shape, flattened data with numbers in one canonical form), hashed; plus the request id.
/// </summary>
public sealed record RequestFingerprint(string Key, string? Id)
{
    /// <summary>The fingerprint of an OIP v2 request body; null when the body is not a request with inputs.</summary>
    public static RequestFingerprint? TryCreate(string pathAndQuery, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var text = new StringBuilder(pathAndQuery).Append('\n');
            foreach (var input in inputs.EnumerateArray())
            {
                text.Append(Property(input, "name")).Append('|').Append(Property(input, "datatype")).Append('|');
                Flatten(input.TryGetProperty("shape", out var shape) ? shape : default, text);
                text.Append('|');
                Flatten(input.TryGetProperty("data", out var data) ? data : default, text);
                text.Append('\n');
            }

            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            return new RequestFingerprint(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))), id);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Property(JsonElement input, string name) =>
        input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out var value) ? value.ToString() : string.Empty;

    private static void Flatten(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, text);
                }

                break;
            case JsonValueKind.Number:
                // 1, 1.0 and 1e0 are the same input.
                text.Append(element.GetDouble().ToString("R", CultureInfo.InvariantCulture)).Append(',');
                break;
            case JsonValueKind.Undefined:
                break;
            default:
                text.Append(element.GetRawText()).Append(',');
                break;
        }
    }
}
