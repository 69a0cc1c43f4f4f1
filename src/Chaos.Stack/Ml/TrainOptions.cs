namespace Chaos.Stack.Ml;

/// <summary>Options of the <c>train</c> role.</summary>
public sealed record TrainOptions(string OutputDirectory, int Seed = TrainOptions.DefaultSeed, int TrainRows = TrainOptions.DefaultTrainRows)
{
    /// <summary>The seed used when none is given.</summary>
    public const int DefaultSeed = 42;

    /// <summary>Training rows drawn when none are given; the holdout is a quarter of it.</summary>
    public const int DefaultTrainRows = 20_000;

    /// <summary>Rows of the holdout set, drawn from a seed derived from <see cref="Seed"/>.</summary>
    public int HoldoutRows => TrainRows / 4;

    /// <summary>The holdout's own seed, so it never overlaps the training draw.</summary>
    public int HoldoutSeed => unchecked(Seed * 7919 + 1);
}
