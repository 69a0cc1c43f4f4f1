namespace Chaos.Stack.Contracts;

/// <summary>OIP v2 model metadata, with the execution provider and digest under <c>parameters</c>.</summary>
public sealed record ModelMetadataResponse(
    string Name,
    IReadOnlyList<string> Versions,
    string Platform,
    IReadOnlyList<TensorMetadata> Inputs,
    IReadOnlyList<TensorMetadata> Outputs,
    IReadOnlyDictionary<string, string> Parameters);
