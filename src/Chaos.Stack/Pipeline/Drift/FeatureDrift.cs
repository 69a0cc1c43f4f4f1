namespace Chaos.Stack.Pipeline.Drift;

/// <summary>One feature's statistics in a drift check, with the thresholds they were held against.</summary>
public sealed record FeatureDrift(
    string Feature,
    FeatureStatistics Statistics,
    double KsAlpha,
    double PsiThreshold,
    double JensenShannonThreshold,
    double WassersteinThreshold)
{
    /// <summary>The alarm decision: KS p-value below the per-feature alpha.</summary>
    public bool Drifted => Statistics.KsPValue < KsAlpha;

    /// <summary>Whether each distance passes its calibrated threshold (reported; the alarm uses KS).</summary>
    public bool PsiOver => Statistics.Psi > PsiThreshold;

    /// <summary>Jensen-Shannon above its calibrated threshold.</summary>
    public bool JensenShannonOver => Statistics.JensenShannon > JensenShannonThreshold;

    /// <summary>Normalised Wasserstein above its calibrated threshold.</summary>
    public bool WassersteinOver => Statistics.Wasserstein > WassersteinThreshold;
}
