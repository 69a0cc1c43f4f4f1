namespace Chaos.Stack.Ml;

/// <summary>An ONNX model in memory, with the names to feed and read when scoring.</summary>
internal sealed record ExportedOnnxModel(byte[] Content, string InputName, string ProbabilityOutputName);
