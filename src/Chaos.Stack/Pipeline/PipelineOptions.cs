using Chaos.Stack.Hosting;

namespace Chaos.Stack.Pipeline;

/// <summary>
/// Options of the <c>pipeline</c> role. The five practice switches (<see cref="Validation"/>, <see cref="TransactionalStore"/>,
/// <see cref="DriftMonitor"/>, <see cref="Retraining"/>, <see cref="Checkpoints"/>) make the variants <c>no-validation</c>,
/// <c>no-transactional-store</c>, <c>no-drift-monitor</c>, <c>no-retraining</c> and <c>no-checkpoints</c>.
/// </summary>
public sealed record PipelineOptions(string DataFolder, ListenAddress Listen)
{
    /// <summary>Schema and data-quality checks with quarantine; off: every row goes in, non-numbers as NaN.</summary>
    public bool Validation { get; init; } = true;

    /// <summary>The versioned Parquet table with its commit log; off: a plain JSON Lines file, no versions.</summary>
    public bool TransactionalStore { get; init; } = true;

    /// <summary>The drift monitor and its retraining trigger.</summary>
    public bool DriftMonitor { get; init; } = true;

    /// <summary>Automated retraining, evaluation, promotion and rollback (needs <see cref="RegistryUrl"/> and <see cref="AdminToken"/>).</summary>
    public bool Retraining { get; init; } = true;

    /// <summary>Training checkpoints at every stage; off: a crash restarts training from scratch.</summary>
    public bool Checkpoints { get; init; } = true;

    /// <summary>The registry the pipeline publishes to.</summary>
    public Uri? RegistryUrl { get; init; }

    /// <summary>The registry's admin token (registration, promotion, rollback); also guards the pipeline's own rollback endpoint.</summary>
    public string? AdminToken { get; init; }

    /// <summary>The registry model name.</summary>
    public string ModelName { get; init; } = "credit";

    /// <summary>Rows per drift window.</summary>
    public int DriftWindow { get; init; } = 200;

    /// <summary>Freshness rule: retrain after this many new rows (0 = off).</summary>
    public int RetrainAfterNewRows { get; init; } = 5000;

    /// <summary>No retraining before the table holds this many rows (0 = no minimum).</summary>
    public int MinTrainingRows { get; init; }

    /// <summary>Least time between two retraining runs (a drift alarm meanwhile stays pending).</summary>
    public TimeSpan RetrainCooldown { get; init; }

    /// <summary>How often the triggers are checked.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Seed of training and of the reference drawn from the task while the table is empty.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Stages of a training run (each checkpointed).</summary>
    public int TrainingStages { get; init; } = 8;

    /// <summary>Largest request body accepted (an ingested batch).</summary>
    public long MaxRequestBodyBytes { get; init; } = 16L * 1024 * 1024;
}
