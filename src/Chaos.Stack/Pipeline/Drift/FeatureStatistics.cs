namespace Chaos.Stack.Pipeline.Drift;

/// <summary>The drift statistics of one feature: KS statistic and p-value, PSI, Jensen-Shannon (bits), normalised Wasserstein.</summary>
public sealed record FeatureStatistics(double Ks, double KsPValue, double Psi, double JensenShannon, double Wasserstein);
