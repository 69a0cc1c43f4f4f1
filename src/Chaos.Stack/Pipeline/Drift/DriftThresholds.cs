namespace Chaos.Stack.Pipeline.Drift;

/// <summary>
/// Alarm thresholds for windows of <see cref="SampleSize"/> rows, calibrated on data without drift. A feature drifts when its KS
/// p-value is below <see cref="KsAlpha"/> (the check's false-alarm rate split over the features, Bonferroni); the distance
/// thresholds are each feature's (1 - alpha) quantile of the statistic on no-drift windows, reported beside KS.
/// </summary>
public sealed record DriftThresholds(
    int SampleSize,
    double FalseAlarmRate,
    double KsAlpha,
    IReadOnlyList<double> Psi,
    IReadOnlyList<double> JensenShannon,
    IReadOnlyList<double> Wasserstein,
    int CalibrationTrials);
