namespace Chaos.Stack.Pipeline.Retraining;

/// <summary>When and how the pipeline retrains, evaluates, promotes and rolls back.</summary>
public sealed record RetrainingOptions
{
    /// <summary>The registry model name the pipeline publishes.</summary>
    public string ModelName { get; init; } = "credit";

    /// <summary>Where checkpoints and the run marker live.</summary>
    public required string WorkFolder { get; init; }

    /// <summary>The freshness rule: retrain once this many new labelled rows are committed since the last training (0 = off).</summary>
    public int RetrainAfterNewRows { get; init; } = 5000;

    /// <summary>
    /// No run of any trigger before the table holds this many rows (a drift alarm stays pending until then): a model trained
    /// on a few dozen rows would pass nothing but a holdout as small.
    /// </summary>
    public int MinTrainingRows { get; init; }

    /// <summary>
    /// Least time between the end of one run and the start of the next: a drift alarm in the meantime stays pending. Without it a
    /// monitor still alarming on the new regime (its reference is the last training data, mostly the old one) retrains every tick.
    /// </summary>
    public TimeSpan Cooldown { get; init; }

    /// <summary>The freshness rule: retrain when the model is older than this and new rows exist.</summary>
    public TimeSpan MaxModelAge { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The training itself.</summary>
    public StagedTrainingOptions Training { get; init; } = new();

    /// <summary>The candidate-versus-champion gate.</summary>
    public ChampionGateOptions Gate { get; init; } = new();

    /// <summary>Labelled live rows scored after a promotion before the live-quality check may roll back.</summary>
    public int LiveQualityRows { get; init; } = 300;

    /// <summary>A promoted model is rolled back when its live accuracy falls this far below its holdout accuracy.</summary>
    public double LiveQualityMaxDrop { get; init; } = 0.05;
}
