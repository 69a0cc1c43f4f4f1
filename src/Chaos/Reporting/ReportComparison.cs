using Chaos.Slo;

namespace Chaos.Reporting;

/// <summary>
/// A run set beside a baseline run: per SLO (matched by name) the measured values, the change in measured value and in
/// margin, and whether it got better or worse (margins are positive on the good side, so a larger margin is better);
/// and the load figures of both runs.
/// </summary>
public sealed record ReportComparison(RunReport Current, RunReport Baseline, IReadOnlyList<ReportComparison.SloDelta> Slos,
    ReportComparison.LoadFigures CurrentLoad, ReportComparison.LoadFigures BaselineLoad)
{
    public enum Change
    {
        Same,
        Better,
        Worse,
        OnlyInCurrent,
        OnlyInBaseline,
    }

    /// <summary>One SLO in both runs; a side that did not score it (or measured nothing) is null.</summary>
    public sealed record SloDelta(string Name, string Unit, SloResult? Current, SloResult? Baseline, double? MeasuredDelta, double? MarginDelta, Change Change);

    /// <summary>Whole-window load numbers: intended requests, share not answered successfully, worst and median per-second p99.</summary>
    public sealed record LoadFigures(long Intended, double? ErrorShare, double? WorstP99Ms, double? MedianP99Ms, double AchievedRatePerSecond)
    {
        public static LoadFigures Of(LoadSummary load)
        {
            var intended = load.Intervals.Sum(i => i.Intended);
            var p99s = load.Intervals.Where(i => i.P99Ms is not null).Select(i => i.P99Ms!.Value).Order().ToList();
            return new LoadFigures(intended, intended == 0 ? null : (double)load.Intervals.Sum(i => i.Errors) / intended,
                p99s.Count == 0 ? null : p99s[^1], p99s.Count == 0 ? null : p99s[p99s.Count / 2], load.AchievedRatePerSecond);
        }
    }

    public static ReportComparison Of(RunReport current, RunReport baseline)
    {
        var names = current.Slos.Select(s => s.Name).Concat(baseline.Slos.Select(s => s.Name)).Distinct(StringComparer.Ordinal);
        var deltas = names.Select(name =>
        {
            var now = current.Slos.FirstOrDefault(s => s.Name == name);
            var before = baseline.Slos.FirstOrDefault(s => s.Name == name);
            return Delta(name, now, before);
        }).ToList();
        return new ReportComparison(current, baseline, deltas, LoadFigures.Of(current.Load), LoadFigures.Of(baseline.Load));
    }

    private static SloDelta Delta(string name, SloResult? now, SloResult? before)
    {
        var unit = (now ?? before)!.Unit;
        if (now is null || before is null)
        {
            return new SloDelta(name, unit, now, before, null, null, now is null ? Change.OnlyInBaseline : Change.OnlyInCurrent);
        }
        // Different units (a changed SLO kind) make the numbers incomparable: show both, compute nothing.
        var comparable = now.Unit == before.Unit;
        double? measured = comparable && now.Measured is { } m && before.Measured is { } b ? m - b : null;
        double? margin = comparable && now.Margin is { } mm && before.Margin is { } bm ? mm - bm : null;
        return new SloDelta(name, unit, now, before, measured, margin, ChangeOf(now, before, margin));
    }

    // A pass that became a failure (or no data) is worse whatever the numbers say, and the reverse better; between failed and
    // no data neither is better. With the same status the margin decides.
    private static Change ChangeOf(SloResult now, SloResult before, double? marginDelta)
    {
        if (now.Status != before.Status)
        {
            return now.Status == SloStatus.Passed ? Change.Better : before.Status == SloStatus.Passed ? Change.Worse : Change.Same;
        }
        return marginDelta switch
        {
            null => Change.Same,
            > 1e-9 => Change.Better,
            < -1e-9 => Change.Worse,
            _ => Change.Same,
        };
    }
}
