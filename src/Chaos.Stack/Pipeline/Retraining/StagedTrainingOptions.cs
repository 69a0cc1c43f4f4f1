namespace Chaos.Stack.Pipeline.Retraining;

/// <summary>
/// Staged L-BFGS logistic regression: <see cref="Stages"/> stages of at most <see cref="IterationsPerStage"/> iterations, each
/// warm-started from the previous stage's weights. A stage boundary is the checkpoint interval.
/// </summary>
public sealed record StagedTrainingOptions
{
    /// <summary>Stages of one run.</summary>
    public int Stages { get; init; } = 8;

    /// <summary>L-BFGS iterations per stage.</summary>
    public int IterationsPerStage { get; init; } = 4;

    /// <summary>Write a checkpoint every this many stages.</summary>
    public int CheckpointEvery { get; init; } = 1;

    /// <summary>L2 regularisation of the logistic regression.</summary>
    public float L2Regularization { get; init; } = 0.01f;

    /// <summary>The seed of every random source of training (ML.NET context).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>False for the <c>no-checkpoints</c> variant: a crash loses the whole run.</summary>
    public bool Checkpoints { get; init; } = true;
}
