using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Ml;

namespace Chaos.Stack.Inference;

/// <summary>
/// Reads an OIP v2 inference request body: one FP32 input "features" of shape [n, 8]. With <paramref name="validate"/> the values
/// must also be finite and within the model's declared feature ranges; without it (variant <c>no-validation</c>) whatever
/// numbers arrive reach the model. The structure (name, datatype, shape, numbers) is always read: a tensor needs it.
/// </summary>
public sealed class InferRequestReader(int maxBatchRows, bool validate = true)
{
    /// <summary>The input tensor name the node accepts.</summary>
    public const string InputName = "features";

    /// <summary>The only datatype accepted.</summary>
    public const string Datatype = "FP32";

    /// <summary>Reads the request, or says precisely what is wrong with it.</summary>
    public bool TryRead(JsonElement root, [NotNullWhen(true)] out InferRequest? request, [NotNullWhen(false)] out string? error) =>
        TryRead(root, [], out request, out error);

    /// <summary>Reads the request and checks each value against <paramref name="ranges"/> (one per column; empty: none declared).</summary>
    public bool TryRead(JsonElement root, IReadOnlyList<FeatureRange> ranges, [NotNullWhen(true)] out InferRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        error = Validate(root, out var id, out var input);
        if (error is not null || !TryReadShape(input, out var rows, out error) || !TryReadData(input, rows, out var features, out error)
            || (validate && !InRange(features, ranges, out error)))
        {
            error ??= "invalid request";
            return false;
        }

        request = new InferRequest(id, features, rows);
        return true;
    }

    private static string? Validate(JsonElement root, out string? id, out JsonElement input)
    {
        id = null;
        input = default;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "the request body must be a JSON object";
        }

        if (root.TryGetProperty("id", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
        {
            if (idElement.ValueKind != JsonValueKind.String)
            {
                return "'id' must be a string";
            }

            id = TextOrNull(idElement);
            if (id is null)
            {
                return "'id' must be valid Unicode text: no invalid UTF-8 bytes, no unpaired surrogate escapes";
            }
        }

        if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array || inputs.GetArrayLength() != 1)
        {
            return $"'inputs' must be an array with exactly one tensor named '{InputName}'";
        }

        input = inputs[0];
        if (input.ValueKind != JsonValueKind.Object)
        {
            return "inputs[0] must be an object {name, shape, datatype, data}";
        }

        if (!input.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || TextOrNull(name) != InputName)
        {
            return $"inputs[0].name must be '{InputName}'";
        }

        if (!input.TryGetProperty("datatype", out var datatype) || datatype.ValueKind != JsonValueKind.String || TextOrNull(datatype) != Datatype)
        {
            return $"inputs[0].datatype must be '{Datatype}'";
        }

        return null;
    }

    private bool TryReadShape(JsonElement input, out int rows, [NotNullWhen(false)] out string? error)
    {
        rows = 0;
        error = $"inputs[0].shape must be [n, {CreditTask.FeatureCount}] with 1 <= n <= {maxBatchRows}";
        if (!input.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array || shape.GetArrayLength() != 2
            || !shape[0].TryGetInt32(out rows) || !shape[1].TryGetInt32(out var columns)
            || rows < 1 || rows > maxBatchRows || columns != CreditTask.FeatureCount)
        {
            return false;
        }

        error = null;
        return true;
    }

    private static bool InRange(float[] features, IReadOnlyList<FeatureRange> ranges, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (ranges.Count != CreditTask.FeatureCount)
        {
            return true;
        }

        for (var i = 0; i < features.Length; i++)
        {
            var range = ranges[i % CreditTask.FeatureCount];
            if (!range.Accepts(features[i]))
            {
                error = string.Create(CultureInfo.InvariantCulture,
                    $"inputs[0].data[{i}] = {features[i]} (row {i / CreditTask.FeatureCount}, feature '{range.Name}') is outside the declared range {range.Describe()} of the model's training data");
                return false;
            }
        }

        return true;
    }

    private bool TryReadData(JsonElement input, int rows, out float[] features, [NotNullWhen(false)] out string? error)
    {
        features = new float[rows * CreditTask.FeatureCount];
        if (!input.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            error = "inputs[0].data must be an array of numbers (flat row-major or nested)";
            return false;
        }

        var count = 0;
        error = Flatten(data, features, validate, ref count);
        if (error is null && count != features.Length)
        {
            error = $"inputs[0].data has {count} values but shape [{rows}, {CreditTask.FeatureCount}] needs {features.Length}";
        }

        return error is null;
    }

    private static string? Flatten(JsonElement array, float[] target, bool validate, ref int count)
    {
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                var nestedError = Flatten(item, target, validate, ref count);
                if (nestedError is not null)
                {
                    return nestedError;
                }

                continue;
            }

            if (count >= target.Length)
            {
                count++;
                continue;
            }

            if (item.ValueKind == JsonValueKind.String)
            {
                return $"inputs[0].data[{count}] is the string '{TextOrNull(item) ?? "(invalid Unicode)"}'; NaN, Infinity and strings are not accepted, values must be finite numbers";
            }

            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var value))
            {
                return $"inputs[0].data[{count}] must be a number, got {item.ValueKind}";
            }

            var single = (float)value;
            if (validate && !float.IsFinite(single))
            {
                return $"inputs[0].data[{count}] = {item.GetRawText()} is not a finite FP32 value";
            }

            target[count++] = single;
        }

        return null;
    }

    /// <summary>The string's text, or null when it is not valid Unicode: GetString throws on invalid UTF-8 and unpaired surrogate escapes.</summary>
    private static string? TextOrNull(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
