using Microsoft.ML.Data;

namespace Chaos.Stack.Ml;

/// <summary>The ML.NET view of a labelled row.</summary>
internal sealed class CreditTrainingRow
{
    [VectorType(CreditTask.FeatureCount)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}
