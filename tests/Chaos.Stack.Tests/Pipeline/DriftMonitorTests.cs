using System.Globalization;
using Chaos.Stack.Ml;
using Chaos.Stack.Pipeline.Drift;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Stack.Tests.Pipeline;

public sealed class DriftMonitorTests
{
    private const int Onset = 1000;
    private static readonly DriftMonitor Monitor = new(
        CreditTask.FeatureNames,
        CreditTask.Generate(5000, 1).Select(e => e.Features).ToList(),
        new DriftMonitorOptions(),
        new FakeTimeProvider(PipelineRows.Now));

    /// <summary>Rows from the drift's onset to the first alarm (window or streaming), or null when none came in 2,000 rows after it.</summary>
    private static int? RowsToAlarm(CreditDrift drift, int seed)
    {
        var rows = DriftingCreditTask.Generate(Onset + 2000, seed, drift);
        var monitor = new DriftMonitor(CreditTask.FeatureNames, CreditTask.Generate(5000, 1).Select(e => e.Features).ToList(), new DriftMonitorOptions { CalibrationTrials = 200 }, TimeProvider.System);
        monitor.Observe(rows.Take(Onset).Select(r => r.Features));
        // A false alarm before the onset (5 % per window) is not what this measures: clear it.
        monitor.TakeAlarm();
        for (var i = Onset; i < rows.Count; i++)
        {
            monitor.Observe([rows[i].Features]);
            if (monitor.TakeAlarm())
            {
                return i - Onset + 1;
            }
        }

        return null;
    }

    [Fact]
    public void Constructor_SameReferenceAndSeed_CalibratesTheSameThresholds()
    {
        var reference = CreditTask.Generate(2000, 3).Select(e => e.Features).ToList();
        var options = new DriftMonitorOptions { CalibrationTrials = 100 };
        var first = new DriftMonitor(CreditTask.FeatureNames, reference, options, TimeProvider.System).Status();
        var second = new DriftMonitor(CreditTask.FeatureNames, reference, options, TimeProvider.System).Status();
        second.Thresholds.Psi.ShouldBe(first.Thresholds.Psi);
        second.StreamingThreshold.ShouldBe(first.StreamingThreshold);
        // The value is fixed by the seed derivation, so it holds across processes too.
        DriftCalibrator.DerivedSeed(1, 2, 3).ShouldBe(1_000_003 + (2 * 7_919) + 3);
    }

    [Fact]
    public void RestorePrevious_AfterARebaseOntoShiftedData_ComparesLiveRowsWithTheFirstReferenceAgain()
    {
        var monitor = new DriftMonitor(CreditTask.FeatureNames, CreditTask.Generate(5000, 1).Select(e => e.Features).ToList(),
            new DriftMonitorOptions(), new FakeTimeProvider(PipelineRows.Now));
        var first = monitor.Status();
        var live = CreditTask.Generate(200, 77).Select(e => e.Features).ToList();
        monitor.RestorePrevious().ShouldBeFalse("nothing was rebased yet");
        monitor.Check(live).Alarm.ShouldBeFalse();

        // A champion trained on shifted data was promoted: the same live rows now differ from its reference.
        monitor.Rebase(DriftingCreditTask.Generate(5000, 2, new CreditDrift(CovariateShift: 1)).Select(e => e.Features).ToList());
        monitor.Check(live).Alarm.ShouldBeTrue();

        // It was rolled back: the first reference and its calibration are back.
        monitor.RestorePrevious().ShouldBeTrue();
        monitor.Check(live).Alarm.ShouldBeFalse();
        monitor.Status().Thresholds.Psi.ShouldBe(first.Thresholds.Psi);
        monitor.Status().StreamingThreshold.ShouldBe(first.StreamingThreshold);
        monitor.RestorePrevious().ShouldBeFalse("one level: only the latest promotion can be undone");
    }

    [Fact]
    public void Check_NoDriftWindow_RaisesNoAlarmAndReportsEveryStatistic()
    {
        var report = Monitor.Check(CreditTask.Generate(200, 77).Select(e => e.Features).ToList());
        report.Alarm.ShouldBeFalse();
        report.DriftShare.ShouldBe(0);
        report.Features.Count.ShouldBe(CreditTask.FeatureCount);
        report.Features.ShouldAllBe(f => f.PsiThreshold > 0 && f.JensenShannonThreshold > 0 && f.WassersteinThreshold > 0);
    }

    [Fact]
    public void Check_CovariateShift_FlagsTheShiftedFeaturesAndTheirDriftShare()
    {
        var report = Monitor.Check(DriftingCreditTask.Generate(200, 78, new CreditDrift(CovariateShift: 1)).Select(e => e.Features).ToList());
        report.Alarm.ShouldBeTrue();
        report.Features.Where(f => f.Drifted).Select(f => f.Feature).ShouldBe(["income", "debt_ratio"]);
        report.DriftShare.ShouldBe(0.25);
        report.Features[1].PsiOver.ShouldBeTrue();
        report.Features[1].WassersteinOver.ShouldBeTrue();
    }

    [Theory]
    [InlineData("sudden covariate shift 1 sd", 1.0, 0.0, 1.0, 0.0, 0L, 300)]
    [InlineData("gradual covariate shift to 1 sd over 1000 rows", 1.0, 0.0, 1.0, 0.0, 1000L, 1200)]
    [InlineData("label shift, default odds x4", 0.0, 0.0, 4.0, 0.0, 0L, 600)]
    [InlineData("seasonal income cycle, 30 %", 0.0, 0.0, 1.0, 0.3, 0L, 600)]
    public void Observe_DriftKind_RaisesAnAlarmAfterTheOnset(string name, double covariate, double concept, double labelOdds, double season, long ramp, int maxRows)
    {
        var drift = new CreditDrift(covariate, concept, labelOdds, season, SeasonPeriodRows: 2000, Onset: Onset, RampRows: ramp);
        var delays = Enumerable.Range(0, 5).Select(seed => RowsToAlarm(drift, 300 + seed)).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: rows from onset to alarm: {string.Join(", ", delays.Select(d => d?.ToString(CultureInfo.InvariantCulture) ?? "none"))}");
        delays.ShouldAllBe(d => d != null && d > 0 && d <= maxRows);
    }

    [Fact]
    public void Observe_ConceptDriftOnly_IsInvisibleOnInputs()
    {
        // Concept drift changes P(y|x) and leaves P(x) alone: no input monitor can see it; the live-quality check on labels does.
        // Same seed, same inputs: the monitor behaves exactly as without drift (its false alarms included).
        foreach (var seed in Enumerable.Range(400, 3))
        {
            RowsToAlarm(new CreditDrift(ConceptDrift: 2, Onset: Onset), seed).ShouldBe(RowsToAlarm(CreditDrift.None, seed));
        }
    }
}
