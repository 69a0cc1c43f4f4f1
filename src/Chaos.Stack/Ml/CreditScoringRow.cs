using Microsoft.ML.Data;

namespace Chaos.Stack.Ml;

/// <summary>
/// The schema of a scoring request: only the feature vector. Exporting from a view of this type keeps
/// the label out of the ONNX graph's inputs.
/// </summary>
internal sealed class CreditScoringRow
{
    [VectorType(CreditTask.FeatureCount)]
    public float[] Features { get; set; } = [];
}
