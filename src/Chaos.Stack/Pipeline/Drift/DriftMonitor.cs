namespace Chaos.Stack.Pipeline.Drift;

/// <summary>
/// Watches live rows against a reference (the training data): a windowed check of every feature (KS for the alarm; PSI,
/// Jensen-Shannon and normalised Wasserstein reported against calibrated thresholds) and a streaming CUSUM for fast alarms.
/// Thresholds are calibrated at construction by bootstrap on the reference. Thread-safe.
/// </summary>
public sealed class DriftMonitor
{
    private readonly IReadOnlyList<string> featureNames;
    private readonly DriftMonitorOptions options;
    private readonly TimeProvider timeProvider;
    private readonly Lock gate = new();
    private readonly List<float[]> window = [];
    private List<ReferenceColumn> reference = [];
    private DriftThresholds thresholds = null!;
    private CusumDetector cusum = null!;
    // The reference before the last rebase, for a champion rolled back (one level: only the latest promotion is undone).
    private (List<ReferenceColumn> Reference, DriftThresholds Thresholds, double CusumThreshold)? previous;
    private long rowsObserved;
    private long windowsChecked;
    private long windowAlarms;
    private long streamingAlarms;
    private DateTimeOffset? lastAlarmAt;
    private string? lastAlarmSource;
    private DriftReport? lastReport;
    private bool alarmPending;

    /// <summary>A monitor of <paramref name="featureNames"/> against <paramref name="referenceRows"/>.</summary>
    public DriftMonitor(IReadOnlyList<string> featureNames, IReadOnlyList<float[]> referenceRows, DriftMonitorOptions options, TimeProvider timeProvider)
    {
        this.featureNames = featureNames;
        this.options = options;
        this.timeProvider = timeProvider;
        Rebase(referenceRows);
    }

    /// <summary>Replaces the reference (after retraining on new data) and recalibrates. A pending alarm stays pending: it may
    /// have been raised by rows that arrived while the model was being trained, and a needless run costs less than a missed one.</summary>
    public void Rebase(IReadOnlyList<float[]> referenceRows)
    {
        var columns = featureNames.Select((name, f) => new ReferenceColumn(name, referenceRows.Select(r => (double)r[f]).Where(double.IsFinite))).ToList();
        // The monitor alarms on either detector, so each gets half of the false-alarm budget (measured together in
        // DriftCalibrationTests: at the full budget each, 5.8 % of no-drift checks alarmed).
        var windowThresholds = DriftCalibrator.CalibrateWindow(columns, options.WindowSize, options.CalibrationTrials, options.FalseAlarmRate / 2,
            DriftCalibrator.Bootstrap(columns, options.WindowSize, options.Seed));
        var rows = referenceRows.Count;
        var h = DriftCalibrator.CalibrateCusum(columns, options.StreamHorizon, options.CalibrationTrials, options.FalseAlarmRate / 2, trial =>
        {
            var random = new Random(DriftCalibrator.DerivedSeed(options.Seed, trial, 2));
            return Enumerable.Range(0, options.StreamHorizon).Select(_ => referenceRows[random.Next(rows)]).ToArray();
        });
        lock (gate)
        {
            previous = reference.Count == 0 ? null : (reference, thresholds, cusum.Threshold);
            reference = columns;
            thresholds = windowThresholds;
            cusum = new CusumDetector(columns, h);
            window.Clear();
        }
    }

    /// <summary>
    /// Goes back to the reference before the last <see cref="Rebase"/>, with its calibration: the champion trained on the
    /// newer data was rolled back, so live rows must again be compared with the restored model's training data. Returns
    /// false when there is none (no rebase since the start, or it was restored already).
    /// </summary>
    public bool RestorePrevious()
    {
        lock (gate)
        {
            if (previous is not { } before)
            {
                return false;
            }
            (reference, thresholds) = (before.Reference, before.Thresholds);
            // The streaming detector starts again from zero, as after a rebase: its sums were built against the other reference.
            cusum = new CusumDetector(reference, before.CusumThreshold);
            previous = null;
            window.Clear();
            return true;
        }
    }

    /// <summary>Feeds live rows; returns the reports of windows completed by them.</summary>
    public IReadOnlyList<DriftReport> Observe(IEnumerable<float[]> rows)
    {
        var reports = new List<DriftReport>();
        lock (gate)
        {
            foreach (var row in rows)
            {
                rowsObserved++;
                if (cusum.Observe(row) is var feature and >= 0)
                {
                    streamingAlarms++;
                    RaiseAlarm($"cusum on {featureNames[feature]} after {cusum.Samples} rows");
                    cusum.Reset();
                }

                window.Add(row);
                if (window.Count >= options.WindowSize)
                {
                    var report = Check(window);
                    window.Clear();
                    reports.Add(report);
                    windowsChecked++;
                    lastReport = report;
                    if (report.Alarm)
                    {
                        windowAlarms++;
                        RaiseAlarm($"window check: {string.Join(", ", report.Features.Where(f => f.Drifted).Select(f => f.Feature))} drifted");
                    }
                }
            }
        }

        return reports;
    }

    /// <summary>True while an alarm waits for the retraining trigger.</summary>
    public bool AlarmPending
    {
        get
        {
            lock (gate)
            {
                return alarmPending;
            }
        }
    }

    /// <summary>True once per alarm: the retraining trigger consumes it.</summary>
    public bool TakeAlarm()
    {
        lock (gate)
        {
            var pending = alarmPending;
            alarmPending = false;
            return pending;
        }
    }

    /// <summary>The current state.</summary>
    public DriftStatus Status()
    {
        lock (gate)
        {
            return new DriftStatus(rowsObserved, windowsChecked, windowAlarms, streamingAlarms, lastAlarmAt, lastAlarmSource, lastReport, thresholds, cusum.Threshold, reference[0].Sorted.Length);
        }
    }

    /// <summary>Checks one window against the reference with the calibrated thresholds (no state changes).</summary>
    public DriftReport Check(IReadOnlyList<float[]> rows)
    {
        var features = reference.Select((column, f) => new FeatureDrift(
            column.Name,
            column.Compare(rows.Select(r => (double)r[f]).ToArray()),
            thresholds.KsAlpha,
            thresholds.Psi[f],
            thresholds.JensenShannon[f],
            thresholds.Wasserstein[f])).ToList();
        return new DriftReport(timeProvider.GetUtcNow(), rows.Count, features);
    }

    private void RaiseAlarm(string source)
    {
        alarmPending = true;
        lastAlarmAt = timeProvider.GetUtcNow();
        lastAlarmSource = source;
    }
}
