using System.Globalization;
using System.Text;
using Chaos.Slo;

namespace Chaos.Reporting;

/// <summary>
/// Writes the Markdown summary of a gate (every scenario and repeat): pass rate with its Wilson interval per scenario, the resilience
/// score with its weights, the spread of SLO margins across repeats and every SLO not met; appended to the GitHub step summary when given.
/// </summary>
public static class GateSummaryWriter
{
    public const string FileName = "gate-summary.md";

    /// <param name="reports">Every run of the gate.</param>
    /// <param name="path">Where the summary goes.</param>
    /// <param name="githubStepSummary">The value of <c>GITHUB_STEP_SUMMARY</c>, or null/empty outside GitHub Actions.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public static async Task WriteAsync(IReadOnlyList<RunReport> reports, string path, string? githubStepSummary, CancellationToken cancellationToken)
    {
        var markdown = Render(reports);
        await File.WriteAllTextAsync(path, markdown, cancellationToken);
        if (!string.IsNullOrWhiteSpace(githubStepSummary))
        {
            await File.AppendAllTextAsync(githubStepSummary, markdown + "\n", cancellationToken);
        }
    }

    /// <summary>The gate summary of <paramref name="reports"/>; <paramref name="weights"/> override <see cref="ResilienceScore.DefaultWeights"/>.</summary>
    public static string Render(IReadOnlyList<RunReport> reports, IReadOnlyDictionary<string, double>? weights = null) => Render(
        GateRuns.Of(reports).Select(g => (g.ScenarioName, g.Variant, Summary(g))).ToList(),
        ResilienceScore.Compute(reports.SelectMany(r => r.Slos), weights), reports);

    /// <summary>The gate summary from summaries the caller already computed: one row per scenario, cells per run from <paramref name="runs"/>.</summary>
    public static string Render(
        IReadOnlyList<(string Scenario, string Variant, RepeatSummary Summary)> scenarios, ResilienceScore score, IReadOnlyList<RunReport> runs)
    {
        var groups = GateRuns.Of(runs);
        var passed = runs.Count(r => r.Outcome == RunOutcome.Passed);
        var text = new StringBuilder();
        var icon = runs.Count > 0 && passed == runs.Count ? "✅" : "❌";
        text.AppendLine(Invariant($"## {icon} Gate: **{passed} of {runs.Count} runs passed**")).AppendLine();
        Scenarios(text, scenarios, groups);
        Score(text, score);
        Margins(text, scenarios);
        NotMet(text, groups);
        return text.ToString();
    }

    private static void Scenarios(
        StringBuilder text, IReadOnlyList<(string Scenario, string Variant, RepeatSummary Summary)> scenarios, IReadOnlyList<GateRuns.Group> groups)
    {
        IReadOnlyList<GateRuns.Run> RunsOf(string scenario, string variant) =>
            groups.FirstOrDefault(g => g.ScenarioName == scenario && g.Variant == variant)?.Runs ?? [];
        var repeats = scenarios.Count == 0 ? 0 : scenarios.Max(s => Math.Max(s.Summary.Runs, RunsOf(s.Scenario, s.Variant).Count));
        var runColumns = string.Concat(Enumerable.Range(1, repeats).Select(i => Invariant($" run {i} |")));
        text.AppendLine($"| scenario | variant |{runColumns} passed | pass rate | 95% Wilson interval |");
        text.AppendLine($"|---|---|{string.Concat(Enumerable.Repeat("---|", repeats))}---|---|---|");
        foreach (var (scenario, variant, summary) in scenarios)
        {
            var runs = RunsOf(scenario, variant);
            var cells = string.Concat(Enumerable.Range(0, repeats).Select(i => i < runs.Count ? $" {OutcomeCell(runs[i].Report.Outcome)} |" : " |"));
            var rate = summary.PassRate is { } value ? Percent(value) : "-";
            text.AppendLine(Invariant(
                $"| {Escape(scenario)} | {Escape(variant)} |{cells} {summary.Passed}/{summary.Runs} | {rate} | {Percent(summary.Interval.Lower)} – {Percent(summary.Interval.Upper)} |"));
        }
        if (scenarios.Count == 0)
        {
            text.AppendLine("| no runs | | | | |");
        }
        text.AppendLine();
    }

    private static void Score(StringBuilder text, ResilienceScore score)
    {
        var value = score.Score is { } points ? Invariant($"{points:0.#} / 100") : "no score";
        text.AppendLine($"**Resilience score: {value}**").AppendLine();
        text.AppendLine(Escape(score.Explanation)).AppendLine();
    }

    private static void Margins(StringBuilder text, IReadOnlyList<(string Scenario, string Variant, RepeatSummary Summary)> scenarios)
    {
        var rows = scenarios.SelectMany(s => s.Summary.Slos.Select(slo => (s.Scenario, s.Variant, Slo: slo))).ToList();
        if (rows.Count == 0)
        {
            return;
        }
        text.AppendLine("**SLO margins across repeats:**").AppendLine();
        text.AppendLine("| scenario | variant | SLO | passed | min margin | median margin | max margin |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (scenario, variant, slo) in rows)
        {
            text.AppendLine(Invariant(
                $"| {Escape(scenario)} | {Escape(variant)} | {Escape(slo.Name)} | {slo.Passed}/{slo.Runs} | {Margin(slo.MinimumMargin, slo.Unit)} | {Margin(slo.MedianMargin, slo.Unit)} | {Margin(slo.MaximumMargin, slo.Unit)} |"));
        }
        text.AppendLine();
    }

    private static void NotMet(StringBuilder text, IReadOnlyList<GateRuns.Group> groups)
    {
        var rows = groups.SelectMany(g => g.Runs)
            .SelectMany(run => run.Report.Slos.Where(s => s.Status != SloStatus.Passed).Select(slo => (Run: run, Slo: slo))).ToList();
        text.AppendLine("**SLOs not met:**").AppendLine();
        if (rows.Count == 0)
        {
            text.AppendLine("- none");
            return;
        }
        text.AppendLine("| run | SLO | measured | target | margin | status | why |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (run, slo) in rows)
        {
            text.AppendLine(
                $"| {Escape(run.SuiteName)} | {Escape(slo.Name)} | {Escape(ReportFormat.Measured(slo))} | {Escape(slo.Target)} | {Escape(ReportFormat.Margin(slo))} | {ReportFormat.Status(slo.Status)} | {Escape(slo.Message ?? "-")} |");
        }
    }

    private static RepeatSummary Summary(GateRuns.Group group) =>
        RepeatSummary.From(group.Runs.Select(r => new ScoredRun(r.Report.Outcome, r.Report.Slos)).ToList());

    private static string OutcomeCell(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Passed => "✅ passed",
        RunOutcome.Failed => "❌ failed",
        _ => $"⚠️ {ReportFormat.Outcome(outcome)}",
    };

    // Formatted through the SLO formatter so a margin reads the same here as in every other report.
    private static string Margin(double? margin, string unit) =>
        Escape(ReportFormat.Margin(new SloResult("", "", null, margin, SloStatus.Passed, unit, "", 0)));

    private static string Percent(double fraction) => Invariant($"{fraction * 100:0.#}%");

    private static string Escape(string text) => SummaryWriter.Escape(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
