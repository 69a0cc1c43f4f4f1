namespace Chaos.Stack.Pipeline.Retraining;

/// <summary>When a candidate replaces the champion.</summary>
public sealed record ChampionGateOptions
{
    /// <summary>The candidate's holdout AUC may be at most this much below the champion's.</summary>
    public double MaxAucLoss { get; init; } = 0.005;

    /// <summary>The largest accuracy gap between the sensitive groups accepted, unless the champion's gap is already larger.</summary>
    public double MaxSubgroupGap { get; init; } = 0.10;
}
