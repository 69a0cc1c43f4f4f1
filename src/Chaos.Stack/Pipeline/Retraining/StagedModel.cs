using Microsoft.ML;

namespace Chaos.Stack.Pipeline.Retraining;

/// <summary>The result of a staged run: the scoring chain, its ONNX export, and how much of it was resumed.</summary>
public sealed record StagedModel(MLContext Context, ITransformer Model, byte[] Onnx, string OnnxInput, string OnnxOutput, int StagesTrained, int ResumedFromStage);
