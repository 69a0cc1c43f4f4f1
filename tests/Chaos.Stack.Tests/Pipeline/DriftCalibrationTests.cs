using System.Globalization;
using Chaos.Stack.Ml;
using Chaos.Stack.Pipeline.Drift;

namespace Chaos.Stack.Tests.Pipeline;

/// <summary>
/// The quality targets of the drift monitor, measured by seeded simulation on the credit task (numbers in the test output):
/// false alarms at most 5 % per check without drift for windows of 50 to 1,000 rows (500 trials each), and power against a
/// mean shift of one feature (debt_ratio) of 0.25, 0.5 and 1 standard deviation.
/// </summary>
public sealed class DriftCalibrationTests
{
    private const int Trials = 500;
    private const int DebtRatio = 1;
    private const double DebtRatioSigma = 0.15;
    private static readonly int[] Sizes = [50, 100, 200, 500, 1000];
    /// <summary>The share of the monitor's false-alarm budget each of its two detectors gets (see DriftMonitor.Rebase).</summary>
    private static readonly double DetectorBudget = new DriftMonitorOptions().FalseAlarmRate / 2;
    private static readonly List<ReferenceColumn> Reference = Columns(CreditTask.Generate(5000, 1).Select(e => e.Features).ToList());

    private static List<ReferenceColumn> Columns(IReadOnlyList<float[]> rows) =>
        CreditTask.FeatureNames.Select((name, f) => new ReferenceColumn(name, rows.Select(r => (double)r[f]))).ToList();

    private static double[][] Window(int size, int seed, double shiftSigmas = 0)
    {
        var rows = CreditTask.Generate(size, seed);
        return Enumerable.Range(0, CreditTask.FeatureCount)
            .Select(f => rows.Select(r => r.Features[f] + (f == DebtRatio ? shiftSigmas * DebtRatioSigma : 0.0)).ToArray())
            .ToArray();
    }

    private static bool Alarm(double[][] window, double ksAlpha) =>
        Reference.Select((column, f) => column.Compare(window[f]).KsPValue < ksAlpha).Any(drifted => drifted);

    private static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    [Fact]
    public void WindowCheck_NoDrift_FalseAlarmsAtMostFivePercentPerCheckAndCalibratedPsiHoldsItsRate()
    {
        Report("n     KS-alarm  PSI>0.1(any feature)  PSI>calibrated(mean per feature)  PSI threshold(debt_ratio)");
        foreach (var size in Sizes)
        {
            // Calibrate on one set of seeds, measure on another: the rate is an out-of-sample estimate.
            var thresholds = DriftCalibrator.CalibrateWindow(Reference, size, Trials, 0.05, trial => Window(size, 10_000 + trial));
            int alarms = 0, fixedPsiAlarms = 0, calibratedPsiOver = 0;
            for (var trial = 0; trial < Trials; trial++)
            {
                var window = Window(size, 50_000 + trial);
                var statistics = Reference.Select((column, f) => column.Compare(window[f])).ToList();
                alarms += statistics.Any(s => s.KsPValue < thresholds.KsAlpha) ? 1 : 0;
                fixedPsiAlarms += statistics.Any(s => s.Psi > 0.1) ? 1 : 0;
                calibratedPsiOver += statistics.Select((s, f) => s.Psi > thresholds.Psi[f] ? 1 : 0).Sum();
            }

            var falseAlarmRate = alarms / (double)Trials;
            var psiRate = calibratedPsiOver / (double)(Trials * Reference.Count);
            Report(string.Create(CultureInfo.InvariantCulture, $"{size,-5} {falseAlarmRate,8:P1}  {fixedPsiAlarms / (double)Trials,20:P1}  {psiRate,32:P1}  {thresholds.Psi[DebtRatio],10:F4}"));
            falseAlarmRate.ShouldBeLessThanOrEqualTo(0.05, $"n = {size}");
            psiRate.ShouldBeInRange(0.025, 0.075, $"n = {size}");
        }
    }

    [Fact]
    public void WindowCheck_MeanShiftOfOneFeature_IsDetectedWithTheStatedPower()
    {
        // At the window check's share of the deployed budget (Bonferroni over the features), not the whole 5 %.
        var ksAlpha = DetectorBudget / Reference.Count;
        Report("shift   " + string.Join("  ", Sizes.Select(s => $"n={s,-5}")));
        var powerAtHalfSigma200 = 0.0;
        foreach (var shift in new[] { 0.25, 0.5, 1.0 })
        {
            var row = new List<string>();
            foreach (var size in Sizes)
            {
                var detected = Enumerable.Range(0, Trials).Count(trial => Alarm(Window(size, 90_000 + trial, shift), ksAlpha));
                var power = detected / (double)Trials;
                row.Add(string.Create(CultureInfo.InvariantCulture, $"{power,7:P1}"));
                if (shift == 0.5 && size == 200)
                {
                    powerAtHalfSigma200 = power;
                }
            }

            Report(string.Create(CultureInfo.InvariantCulture, $"{shift,4} sd  {string.Join("  ", row)}"));
        }

        powerAtHalfSigma200.ShouldBeGreaterThanOrEqualTo(0.90);
    }

    [Fact]
    public void Monitor_NoDrift_WindowCheckAndStreamingDetectorTogetherAlarmInAtMostFivePercentOfChecks()
    {
        // The deployed monitor alarms on either detector: count the windows of no-drift rows in which it alarmed at all.
        var options = new DriftMonitorOptions();
        var monitor = new DriftMonitor(CreditTask.FeatureNames, CreditTask.Generate(5000, 1).Select(e => e.Features).ToList(), options, TimeProvider.System);
        var rows = CreditTask.Generate(Trials * options.WindowSize, 77).Select(e => e.Features).ToList();
        var alarmed = 0;
        for (var check = 0; check < Trials; check++)
        {
            monitor.Observe(rows.Skip(check * options.WindowSize).Take(options.WindowSize));
            alarmed += monitor.TakeAlarm() ? 1 : 0;
        }

        var status = monitor.Status();
        var rate = alarmed / (double)Trials;
        Report(string.Create(CultureInfo.InvariantCulture,
            $"monitor on {Trials} no-drift windows of {options.WindowSize} rows: {rate:P1} of checks alarmed ({status.WindowAlarms} window alarms, {status.StreamingAlarms} streaming alarms)"));
        rate.ShouldBeLessThanOrEqualTo(0.05);
    }

    [Fact]
    public void Cusum_CalibratedThreshold_KeepsFalseAlarmsNearItsBudgetPer1000RowsAndCatchesHalfSigmaWithin200()
    {
        const int Horizon = 1000;
        float[][] Stream(int seed, double shiftSigmas) => CreditTask.Generate(Horizon, seed)
            .Select(e =>
            {
                var row = e.Features.ToArray();
                row[DebtRatio] += (float)(shiftSigmas * DebtRatioSigma);
                return row;
            })
            .ToArray();

        var h = DriftCalibrator.CalibrateCusum(Reference, Horizon, Trials, DetectorBudget, trial => Stream(20_000 + trial, 0));
        var falseAlarms = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            var detector = new CusumDetector(Reference, h);
            falseAlarms += Stream(60_000 + trial, 0).Any(row => detector.Observe(row) >= 0) ? 1 : 0;
        }

        var delays = new List<int>();
        foreach (var shift in new[] { 0.25, 0.5, 1.0 })
        {
            delays.Clear();
            for (var trial = 0; trial < Trials; trial++)
            {
                var detector = new CusumDetector(Reference, h);
                var stream = Stream(70_000 + trial, shift);
                var at = Array.FindIndex(stream, row => detector.Observe(row) >= 0);
                delays.Add(at < 0 ? int.MaxValue : at + 1);
            }

            var within200 = delays.Count(d => d <= 200) / (double)Trials;
            var median = delays.Order().ElementAt(Trials / 2);
            Report(string.Create(CultureInfo.InvariantCulture, $"cusum h={h:F2}: shift {shift} sd: median {median} rows to alarm, {within200:P1} within 200 rows"));
            if (shift == 0.5)
            {
                within200.ShouldBeGreaterThanOrEqualTo(0.90);
            }
        }

        var rate = falseAlarms / (double)Trials;
        Report(string.Create(CultureInfo.InvariantCulture, $"cusum false alarms per {Horizon} no-drift rows: {rate:P1} (out of sample, {Trials} streams)"));
        // Calibrated on 500 other streams; two standard errors of the difference of the two estimates (about 4.5 % at a 2.5 % budget).
        rate.ShouldBeLessThanOrEqualTo(DetectorBudget + (2 * Math.Sqrt(2 * DetectorBudget * (1 - DetectorBudget) / Trials)));
    }
}
