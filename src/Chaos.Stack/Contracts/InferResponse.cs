namespace Chaos.Stack.Contracts;

/// <summary>An OIP v2 inference response.</summary>
public sealed record InferResponse(string ModelName, string ModelVersion, string? Id, IReadOnlyList<InferOutput> Outputs);
