using Chaos.Stack.Contracts;
using Chaos.Stack.Ml;
using Microsoft.ML.OnnxRuntime;

namespace Chaos.Stack.Inference;

/// <summary>A verified, loaded ONNX model that turns rows of features into probabilities. Thread-safe.</summary>
public sealed class ScoringModel(ModelManifestEntry entry, InferenceSession session, string provider) : IDisposable
{
    /// <summary>The manifest entry the model was loaded from.</summary>
    public ModelManifestEntry Entry { get; } = entry;

    /// <summary>The execution provider in use: cpu or cuda.</summary>
    public string Provider { get; } = provider;

    /// <summary>Scores <paramref name="rows"/> rows of row-major features; returns one probability per row.</summary>
    public float[] Score(float[] features, int rows)
    {
        using var runOptions = new RunOptions();
        using var input = OrtValue.CreateTensorValueFromMemory(features, [rows, CreditTask.FeatureCount]);
        using var outputs = session.Run(runOptions, [Entry.OnnxInput], [input], [Entry.OnnxOutput]);
        var probabilities = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        if (probabilities.Length != rows)
        {
            throw new InvalidOperationException($"Model {Entry.Name} returned {probabilities.Length} probabilities for {rows} rows.");
        }

        return probabilities;
    }

    /// <inheritdoc />
    public void Dispose() => session.Dispose();
}
