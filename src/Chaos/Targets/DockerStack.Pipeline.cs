namespace Chaos.Targets;

/// <summary>The data and ML pipeline: one <c>pipeline</c> container on the run network, started only when a scenario needs it.</summary>
public sealed partial class DockerStack
{
    /// <summary>Where the pipeline keeps its table, quarantine and checkpoints inside its container (kept across a restart).</summary>
    public const string PipelineData = "/tmp/pipeline";

    /// <summary>Rows the table must hold before any retraining run: fewer would train on a handful and judge on a holdout as small.</summary>
    public const int PipelineMinTrainingRows = 1000;

    /// <summary>Least time between two retraining runs: the monitor keeps alarming on a new regime until its reference catches up.</summary>
    public static readonly TimeSpan PipelineRetrainCooldown = TimeSpan.FromSeconds(20);

    /// <summary>The pipeline of the run (validation, versioned table, drift monitor, retraining); null when the scenario needs none.</summary>
    public StackContainer? Pipeline { get; private set; }

    // The pipeline publishes to the run's registry with the run's token; the variant's switches map one to one.
    private Task<StackContainer> StartPipelineAsync(CancellationToken cancellationToken)
    {
        var variant = _options.Variant;
        return StartAsync("pipeline", "pipeline",
            ["pipeline", "--data", PipelineData, "--registry", RegistryForReaders, "--admin-token", _options.AdminToken,
             "--model", _options.ModelName, "--port", $"{ServicePort}", "--min-training-rows", $"{PipelineMinTrainingRows}",
             "--retrain-cooldown", $"{(int)PipelineRetrainCooldown.TotalSeconds}s",
             "--validation", Flag(variant.Validation), "--transactional-store", Flag(variant.TransactionalStore),
             "--drift-monitor", Flag(variant.DriftMonitor), "--retraining", Flag(variant.Retraining), "--checkpoints", Flag(variant.Checkpoints)],
            cancellationToken);
    }
}
