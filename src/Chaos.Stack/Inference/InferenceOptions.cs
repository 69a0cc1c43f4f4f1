using Chaos.Stack.Hosting;

namespace Chaos.Stack.Inference;

/// <summary>Options of the <c>inference</c> role; the model comes from <see cref="ModelDirectory"/> or, when set, <see cref="RegistryUrl"/>.</summary>
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

    /// <summary>The model registry to load the champion from instead of <see cref="ModelDirectory"/>; null loads from the folder.</summary>
    public Uri? RegistryUrl { get; init; }

    /// <summary>The token <c>POST /admin/reload</c> needs; null switches the admin API off (404).</summary>
    public string? AdminToken { get; init; }

    /// <summary>Verify the SHA-256 before loading; false is the known-bad variant <c>no-integrity-check</c>.</summary>
    public bool IntegrityCheck { get; init; } = true;

    /// <summary>Check values (finite, within the model's declared feature ranges); false is the known-bad variant <c>no-validation</c>.</summary>
    public bool Validation { get; init; } = true;

    /// <summary>
    /// How often to check the registry's champion alias and roll a new champion out to this replica (through the same verified
    /// reload as <c>POST /admin/reload</c>); zero: never, the replica serves what it loaded until told to reload.
    /// </summary>
    public TimeSpan FollowChampion { get; init; }

    /// <summary>Model runs at once; further requests wait in the queue (the queue depth autoscaling reads). Default: one per core.</summary>
    public int ScoringSlots { get; init; } = Environment.ProcessorCount;

    /// <summary>The environment variable that, set to 1, skips the CUDA attempt.</summary>
    public const string DisableCudaVariable = "CHAOS_DISABLE_CUDA";
}
