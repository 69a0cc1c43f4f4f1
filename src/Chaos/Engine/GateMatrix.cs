using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.Engine;

/// <summary>How a variant fared in one scenario of the gate-fidelity matrix.</summary>
public enum MatrixCellStatus
{
    /// <summary>Every run of the scenario against the variant failed: the gate notices the missing practice.</summary>
    Caught,
    /// <summary>At least one run passed: the gate would let the variant through in this scenario.</summary>
    Missed,
    /// <summary>No run passed, but not every run failed either (inconclusive, fault not injected, cleanup failed).</summary>
    Inconclusive,
    /// <summary>
    /// The scenario was not run against the variant: the time limit stopped the row, or (<c>--until-caught</c>) another scenario
    /// had caught it already. The explanation says which.
    /// </summary>
    NotRun,
}

/// <summary>An SLO a run did not meet: the symptom by which the matrix says a variant was caught.</summary>
public sealed record MatrixSymptom(string Slo, string Target, double? Measured, double? Margin, string Unit, SloStatus Status);

/// <summary>One cell: a variant (row) in a scenario (column), with the runs behind it and what they showed.</summary>
public sealed record MatrixCell(
    string Scenario, MatrixCellStatus Status, IReadOnlyList<string> RunIds, IReadOnlyList<RunOutcome> Outcomes, string Explanation,
    IReadOnlyList<MatrixSymptom> Symptoms);

/// <summary>A practice taken away (a variant) across every scenario; <see cref="Caught"/> when at least one scenario caught it.</summary>
public sealed record MatrixRow(string Variant, string Description, bool Caught, IReadOnlyList<MatrixCell> Cells);

/// <summary>The full stack in one scenario: it must pass every run.</summary>
public sealed record MatrixBaselineCell(string Scenario, int Runs, int Passed, WilsonInterval Interval, IReadOnlyList<string> RunIds, string Explanation);

/// <summary>
/// The gate-fidelity matrix: the full stack must pass every scenario, and every variant (one practice switched off) must be caught
/// by at least one scenario through an SLO it fails. <see cref="Passed"/> only when both hold.
/// </summary>
public sealed record GateMatrix(IReadOnlyList<string> Scenarios, IReadOnlyList<MatrixBaselineCell> Full, IReadOnlyList<MatrixRow> Rows)
{
    public bool FullPassed => Full.Count > 0 && Full.All(c => c.Runs > 0 && c.Passed == c.Runs);

    public bool EveryVariantCaught => Rows.Count > 0 && Rows.All(r => r.Caught);

    public bool Passed => FullPassed && EveryVariantCaught;

    /// <summary>
    /// Builds the matrix from the runs of the full stack and of each variant (<see cref="RunReport.Variant"/> says which).
    /// <paramref name="notRun"/>: per variant, why its scenarios without runs were not run (default "not run").
    /// </summary>
    public static GateMatrix Build(
        IReadOnlyList<string> scenarios, IReadOnlyList<RunReport> fullRuns, IReadOnlyList<(string Variant, string Description, IReadOnlyList<RunReport> Runs)> variants,
        IReadOnlyDictionary<string, string>? notRun = null)
    {
        var full = scenarios.Select(s => Baseline(s, fullRuns.Where(r => r.ScenarioName == s).ToList())).ToList();
        var rows = variants.Select(v =>
        {
            var why = notRun?.GetValueOrDefault(v.Variant) ?? "not run";
            var cells = scenarios.Select(s => Cell(s, v.Runs.Where(r => r.ScenarioName == s).ToList(), why)).ToList();
            return new MatrixRow(v.Variant, v.Description, cells.Any(c => c.Status == MatrixCellStatus.Caught), cells);
        }).ToList();
        return new GateMatrix(scenarios, full, rows);
    }

    /// <summary>Whether a variant's runs of one scenario catch it: there are some, and every one failed.</summary>
    public static bool Catches(IReadOnlyCollection<RunReport> runs) => runs.Count > 0 && runs.All(r => r.Outcome == RunOutcome.Failed);

    private static MatrixBaselineCell Baseline(string scenario, List<RunReport> runs)
    {
        var passed = runs.Count(r => r.Outcome == RunOutcome.Passed);
        var explanation = runs.Count == 0
            ? "not run"
            : passed == runs.Count
                ? $"passed {passed}/{runs.Count}; smallest margin: {SmallestMargin(runs)}"
                : $"passed {passed}/{runs.Count}; {string.Join("; ", runs.Where(r => r.Outcome != RunOutcome.Passed).Select(Why).Distinct(StringComparer.Ordinal))}";
        return new MatrixBaselineCell(scenario, runs.Count, passed, WilsonInterval.For(passed, runs.Count), runs.Select(r => r.RunId).ToList(), explanation);
    }

    private static MatrixCell Cell(string scenario, List<RunReport> runs, string notRun)
    {
        var status = runs.Count == 0 || runs.Any(r => r.Outcome == RunOutcome.Passed)
            ? runs.Count == 0 ? MatrixCellStatus.NotRun : MatrixCellStatus.Missed
            : Catches(runs) ? MatrixCellStatus.Caught : MatrixCellStatus.Inconclusive;
        var symptoms = runs.SelectMany(r => r.Slos)
            .Where(s => s.Status != SloStatus.Passed)
            .Select(s => new MatrixSymptom(s.Name, s.Target, s.Measured, s.Margin, s.Unit, s.Status))
            .ToList();
        var explanation = runs.Count == 0
            ? notRun
            : status == MatrixCellStatus.Missed
                ? $"passed: smallest margin {SmallestMargin(runs.Where(r => r.Outcome == RunOutcome.Passed).ToList())}"
                : string.Join("; ", runs.Select(Why).Distinct(StringComparer.Ordinal));
        return new MatrixCell(scenario, status, runs.Select(r => r.RunId).ToList(), runs.Select(r => r.Outcome).ToList(), explanation, symptoms);
    }

    // A failed run names the SLOs it missed with their measured values; a run stopped by a guardrail or without a verdict gives its reason.
    private static string Why(RunReport run)
    {
        var missed = run.Slos.Where(s => s.Status == SloStatus.Failed).ToList();
        var outcome = ReportFormat.Outcome(run.Outcome);
        return missed.Count > 0
            ? $"{outcome}: {string.Join(", ", missed.Select(s => $"{s.Name} {(s.Measured is null ? "never reached" : ReportFormat.Measured(s))} (target {s.Target})"))}"
            : $"{outcome}: {(string.IsNullOrWhiteSpace(run.Reason) ? "no reason recorded" : run.Reason)}";
    }

    private static string SmallestMargin(List<RunReport> runs)
    {
        var smallest = runs.SelectMany(r => r.Slos).Where(s => s.Margin is not null)
            .OrderBy(s => NormalisedMargin(s)).FirstOrDefault();
        return smallest is null ? "none measured" : $"{smallest.Name} {ReportFormat.Margin(smallest)}";
    }

    // Margins come in different units (fractions, seconds, counts): scaled by the size of the numbers involved they compare.
    private static double NormalisedMargin(SloResult slo)
    {
        var margin = slo.Margin!.Value;
        var scale = Math.Abs(slo.Measured ?? 0) + Math.Abs(margin);
        return scale > 0 ? margin / scale : 0;
    }
}
