namespace Chaos.Stack.Inference;

/// <summary>A validated inference request: finite features, row-major, <see cref="Rows"/> rows of 8.</summary>
public sealed record InferRequest(string? Id, float[] Features, int Rows);
