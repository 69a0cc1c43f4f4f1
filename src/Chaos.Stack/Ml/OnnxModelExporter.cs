using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Chaos.Stack.Ml;

/// <summary>Exports a trained pipeline to ONNX shaped for scoring: one [-1, 8] float input, the probability out.</summary>
internal static class OnnxModelExporter
{
    private const string ProbabilityColumn = "Probability";

    public static ExportedOnnxModel Export(MLContext ml, ITransformer model)
    {
        // A schema-only view with just the feature vector: exporting from the training view would
        // make the label an input of the graph too.
        var scoringSchema = ml.Data.LoadFromEnumerable(Array.Empty<CreditScoringRow>());
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(model, scoringSchema, stream, ProbabilityColumn);
        var content = stream.ToArray();
        return Describe(content);
    }

    private static ExportedOnnxModel Describe(byte[] content)
    {
        OrtEnv.Instance().DisableTelemetryEvents();
        using var session = new InferenceSession(content);
        if (session.InputMetadata.Count != 1)
        {
            throw new InvalidOperationException(
                $"The exported ONNX graph has {session.InputMetadata.Count} inputs ({string.Join(", ", session.InputMetadata.Keys)}); a scoring graph must have exactly one.");
        }

        var (inputName, input) = session.InputMetadata.Single();
        if (input.Dimensions is not [-1, CreditTask.FeatureCount] || input.ElementDataType != TensorElementType.Float)
        {
            throw new InvalidOperationException(
                $"The exported ONNX input '{inputName}' has shape [{string.Join(", ", input.Dimensions)}] of {input.ElementDataType}; expected [-1, {CreditTask.FeatureCount}] of Float.");
        }

        var outputName = session.OutputMetadata.Keys.FirstOrDefault(k => k.StartsWith(ProbabilityColumn, StringComparison.Ordinal))
            ?? throw new InvalidOperationException(
                $"The exported ONNX graph has no probability output (outputs: {string.Join(", ", session.OutputMetadata.Keys)}).");
        return new ExportedOnnxModel(content, inputName, outputName);
    }
}
