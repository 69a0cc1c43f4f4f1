namespace Chaos.Stack.Pipeline.Drift;

/// <summary>The result of one windowed drift check over every feature.</summary>
public sealed record DriftReport(DateTimeOffset At, int SampleSize, IReadOnlyList<FeatureDrift> Features)
{
    /// <summary>Share of features that drifted (the dataset drift share).</summary>
    public double DriftShare => Features.Count == 0 ? 0 : Features.Count(f => f.Drifted) / (double)Features.Count;

    /// <summary>True when any feature drifted; the per-check false-alarm rate is then at most the calibrated rate (Bonferroni).</summary>
    public bool Alarm => Features.Any(f => f.Drifted);
}
