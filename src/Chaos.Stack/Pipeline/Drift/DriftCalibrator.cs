namespace Chaos.Stack.Pipeline.Drift;

/// <summary>
/// Calibrates drift thresholds by simulation instead of guessing them: the statistics are computed on many windows drawn
/// without drift (fresh seeds of the task, or bootstrap resamples of the reference) and the threshold is the quantile that
/// gives the stated false-alarm rate. Fixed thresholds such as PSI 0.1 alarm on most no-drift windows of 50 rows.
/// </summary>
public static class DriftCalibrator
{
    /// <summary>Thresholds for windows of <paramref name="sampleSize"/>; <paramref name="nullSample"/>(trial) returns a no-drift window, one array per feature.</summary>
    public static DriftThresholds CalibrateWindow(IReadOnlyList<ReferenceColumn> reference, int sampleSize, int trials, double falseAlarmRate, Func<int, double[][]> nullSample)
    {
        var psi = new double[reference.Count][];
        var js = new double[reference.Count][];
        var wasserstein = new double[reference.Count][];
        for (var f = 0; f < reference.Count; f++)
        {
            psi[f] = new double[trials];
            js[f] = new double[trials];
            wasserstein[f] = new double[trials];
        }

        for (var trial = 0; trial < trials; trial++)
        {
            var window = nullSample(trial);
            for (var f = 0; f < reference.Count; f++)
            {
                var statistics = reference[f].Compare(window[f]);
                psi[f][trial] = statistics.Psi;
                js[f][trial] = statistics.JensenShannon;
                wasserstein[f][trial] = statistics.Wasserstein;
            }
        }

        return new DriftThresholds(
            sampleSize,
            falseAlarmRate,
            falseAlarmRate / reference.Count,
            psi.Select(v => Quantile(v, 1 - falseAlarmRate)).ToList(),
            js.Select(v => Quantile(v, 1 - falseAlarmRate)).ToList(),
            wasserstein.Select(v => Quantile(v, 1 - falseAlarmRate)).ToList(),
            trials);
    }

    /// <summary>The CUSUM threshold h such that a no-drift stream of <paramref name="horizon"/> rows alarms (any feature) with probability <paramref name="falseAlarmRate"/>.</summary>
    public static double CalibrateCusum(IReadOnlyList<ReferenceColumn> reference, int horizon, int trials, double falseAlarmRate, Func<int, float[][]> nullStream)
    {
        var peaks = new double[trials];
        for (var trial = 0; trial < trials; trial++)
        {
            var detector = new CusumDetector(reference, double.PositiveInfinity);
            var peak = 0.0;
            foreach (var row in nullStream(trial).Take(horizon))
            {
                detector.Observe(row);
                peak = Math.Max(peak, detector.Peak);
            }

            peaks[trial] = peak;
        }

        return Quantile(peaks, 1 - falseAlarmRate);
    }

    /// <summary>A bootstrap window sampler over the reference itself: no generator needed, works for any reference data.</summary>
    public static Func<int, double[][]> Bootstrap(IReadOnlyList<ReferenceColumn> reference, int sampleSize, int seed) => trial =>
    {
        var random = new Random(DerivedSeed(seed, trial, 1));
        var rows = reference[0].Sorted.Length;
        var picks = Enumerable.Range(0, sampleSize).Select(_ => random.Next(rows)).ToArray();
        // Each feature's marginal is resampled (columns are stored sorted): every statistic here is per feature.
        return reference.Select(c => picks.Select(p => c.Sorted[p]).ToArray()).ToArray();
    };

    /// <summary>
    /// A seed derived from a base seed, a trial and a stream number. Not <c>HashCode.Combine</c>: that is randomised per
    /// process, and calibration must give the same thresholds on every start.
    /// </summary>
    public static int DerivedSeed(int seed, int trial, int stream) =>
        (int)((((long)seed * 1_000_003L) + ((long)trial * 7_919L) + stream) % int.MaxValue);

    /// <summary>The q-quantile of <paramref name="values"/> (nearest rank, upper).</summary>
    public static double Quantile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        var rank = Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[rank];
    }
}
