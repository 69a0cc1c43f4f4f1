using System.Text;
using Chaos.Slo;

namespace Chaos.Reporting;

/// <summary>
/// Writes a gate's <c>report.html</c>: the gate verdict and resilience score, scenarios x repeats with each run's outcome (linked to
/// its own report), the pass rate with its 95% Wilson interval, the spread of SLO margins, and the gate-fidelity matrix when given.
/// </summary>
public static class HtmlGateReportWriter
{
    /// <param name="reports">Every run of the gate, in run order.</param>
    /// <param name="runFolders">The folder of each run relative to the gate's folder (for links), in the same order; null: the run ids, as the gate names them.</param>
    /// <param name="matrix">The gate-fidelity matrix, or null when the gate wrote none.</param>
    /// <param name="weights">Weights of the resilience score; null: <see cref="ResilienceScore.DefaultWeights"/>.</param>
    public static string Render(
        IReadOnlyList<RunReport> reports, IReadOnlyList<string>? runFolders = null, FidelityMatrix? matrix = null, IReadOnlyDictionary<string, double>? weights = null)
    {
        var groups = GateRuns.Of(reports);
        runFolders ??= reports.Select(r => r.RunId).ToList();
        var passed = reports.Count(r => r.Outcome == RunOutcome.Passed);
        var failed = reports.Any(r => r.Outcome == RunOutcome.Failed);
        var verdict = reports.Count > 0 && passed == reports.Count ? "passed" : failed ? "failed" : "no verdict";
        var score = ResilienceScore.Compute(reports.SelectMany(r => r.Slos), weights);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append($"<title>Gate: {E(verdict)}, {passed} of {reports.Count} runs passed</title>\n<style>\n{HtmlStyle.Css}\n</style>\n</head>\n<body>\n<main>\n");
        html.Append($"<header class=\"{(verdict == "passed" ? "passed" : failed ? "failed" : "other")}\"><h1>Gate: {E(verdict)}</h1><p>{passed} of {reports.Count} runs passed</p></header>\n");
        var scoreText = score.Score is { } points ? ReportFormat.Invariant($"{points:0.#} / 100") : "no score";
        html.Append($"<section class=\"cards\"><div class=\"card\" id=\"score\"><h2>Resilience score</h2><div class=\"big\">{E(scoreText)}</div><div class=\"small\">{E(score.Explanation)}</div></div></section>\n");
        AppendRuns(html, groups, reports, runFolders);
        AppendMargins(html, groups);
        AppendMatrix(html, matrix);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendRuns(StringBuilder html, IReadOnlyList<GateRuns.Group> groups, IReadOnlyList<RunReport> reports, IReadOnlyList<string> folders)
    {
        var repeats = groups.Count == 0 ? 0 : groups.Max(g => g.Runs.Count);
        html.Append("<section id=\"gate\"><h2>Scenarios and repeats</h2>\n<table><thead><tr><th scope=\"col\">scenario</th><th scope=\"col\">variant</th>");
        html.Append(string.Concat(Enumerable.Range(1, repeats).Select(i => ReportFormat.Invariant($"<th scope=\"col\">run {i}</th>"))));
        html.Append("<th scope=\"col\">passed</th><th scope=\"col\">pass rate</th><th scope=\"col\">95% Wilson interval</th></tr></thead><tbody>\n");
        foreach (var group in groups)
        {
            var summary = RepeatSummary.From(group.Runs.Select(r => new ScoredRun(r.Report.Outcome, r.Report.Slos)).ToList());
            html.Append($"<tr><th scope=\"row\">{E(group.ScenarioName)}</th><td>{E(group.Variant)}</td>");
            for (var i = 0; i < repeats; i++)
            {
                if (i >= group.Runs.Count)
                {
                    html.Append("<td></td>");
                    continue;
                }
                var run = group.Runs[i];
                var outcome = ReportFormat.Outcome(run.Report.Outcome);
                var css = run.Report.Outcome == RunOutcome.Passed ? "passed" : "failed";
                var text = run.Index < folders.Count
                    ? $"<a href=\"{E(folders[run.Index])}/{HtmlReportWriter.FileName}\">{E(outcome)}</a>"
                    : E(outcome);
                html.Append($"<td class=\"{css}\">{text}</td>");
            }
            var rate = summary.PassRate is { } value ? Percent(value) : "-";
            html.Append(ReportFormat.Invariant($"<td>{summary.Passed}/{summary.Runs}</td><td>{rate}</td><td>{Percent(summary.Interval.Lower)} – {Percent(summary.Interval.Upper)}</td></tr>\n"));
        }
        if (reports.Count == 0)
        {
            html.Append(ReportFormat.Invariant($"<tr><td colspan=\"{5 + repeats}\">no runs</td></tr>\n"));
        }
        html.Append("</tbody></table>\n</section>\n");
    }

    private static void AppendMargins(StringBuilder html, IReadOnlyList<GateRuns.Group> groups)
    {
        html.Append("<section id=\"margins\"><h2>SLO margins across repeats</h2>\n<table><thead><tr><th scope=\"col\">scenario</th><th scope=\"col\">variant</th><th scope=\"col\">SLO</th><th scope=\"col\">passed</th><th scope=\"col\">min margin</th><th scope=\"col\">median margin</th><th scope=\"col\">max margin</th></tr></thead><tbody>\n");
        foreach (var group in groups)
        {
            var summary = RepeatSummary.From(group.Runs.Select(r => new ScoredRun(r.Report.Outcome, r.Report.Slos)).ToList());
            foreach (var slo in summary.Slos)
            {
                html.Append(ReportFormat.Invariant($"<tr><td>{E(group.ScenarioName)}</td><td>{E(group.Variant)}</td><th scope=\"row\">{E(slo.Name)}</th><td>{slo.Passed}/{slo.Runs}</td><td>{E(Margin(slo.MinimumMargin, slo.Unit))}</td><td>{E(Margin(slo.MedianMargin, slo.Unit))}</td><td>{E(Margin(slo.MaximumMargin, slo.Unit))}</td></tr>\n"));
            }
        }
        html.Append("</tbody></table>\n</section>\n");
    }

    private static void AppendMatrix(StringBuilder html, FidelityMatrix? matrix)
    {
        html.Append("<section id=\"matrix\"><h2>Gate fidelity</h2>\n");
        if (matrix is null)
        {
            html.Append($"<p class=\"not-measured\">No {FidelityMatrix.FileName} in this gate: the gate-fidelity matrix was not run.</p>\n</section>\n");
            return;
        }
        html.Append("<p>Rows are practices switched off, columns scenarios; a cell is caught when the variant failed the scenario, with the SLO that caught it.</p>\n");
        html.Append("<table><thead><tr><th scope=\"col\">practice (variant)</th>");
        html.Append(string.Concat(matrix.Scenarios.Select(s => $"<th scope=\"col\">{E(s)}</th>")));
        html.Append("<th scope=\"col\">caught by any</th></tr></thead><tbody>\n");
        foreach (var row in matrix.Rows)
        {
            html.Append($"<tr><th scope=\"row\">{E(row.Practice)} <span class=\"small\">({E(row.Variant)})</span></th>");
            foreach (var scenario in matrix.Scenarios)
            {
                var cell = row.Cells.FirstOrDefault(c => c.Scenario == scenario);
                if (cell is null)
                {
                    html.Append("<td>not run</td>");
                    continue;
                }
                if (!cell.Run)
                {
                    html.Append($"<td>not run{(string.IsNullOrEmpty(cell.Note) ? "" : $"<br><span class=\"small\">{E(cell.Note)}</span>")}</td>");
                    continue;
                }
                var how = string.Join(" ", new[] { cell.Slo, cell.Measured, cell.Note }.Where(t => !string.IsNullOrEmpty(t)));
                html.Append($"<td class=\"{(cell.Caught ? "passed" : "failed")}\">{(cell.Caught ? "caught" : "not caught")}{(how.Length > 0 ? $"<br><span class=\"small\">{E(how)}</span>" : "")}</td>");
            }
            var any = row.Cells.Any(c => c.Caught);
            html.Append($"<td class=\"{(any ? "passed" : "failed")}\">{(any ? "yes" : "NO")}</td></tr>\n");
        }
        html.Append("</tbody></table>\n</section>\n");
    }

    private static string Margin(double? margin, string unit) =>
        ReportFormat.Margin(new SloResult("", "", null, margin, SloStatus.Passed, unit, "", 0));

    private static string Percent(double fraction) => ReportFormat.Invariant($"{fraction * 100:0.#}%");

    private static string E(string text) => HtmlText.Escape(text);
}
