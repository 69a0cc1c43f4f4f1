using Chaos.Stack.Hosting;

namespace Chaos.Stack.Inference;

/// <summary>Options of the <c>inference</c> role.</summary>
public sealed record InferenceOptions(
    string ModelDirectory,
    string ModelName,
    ListenAddress Listen,
    string ReplicaName,
    bool DisableCuda)
{
    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Largest batch (rows) one request may carry.</summary>
    public int MaxBatchRows { get; init; } = 4096;

    /// <summary>The environment variable that, set to 1, skips the CUDA attempt.</summary>
    public const string DisableCudaVariable = "CHAOS_DISABLE_CUDA";
}
