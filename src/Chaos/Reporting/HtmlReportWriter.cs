using System.Globalization;
using System.Text;
using Chaos.Slo;

namespace Chaos.Reporting;

/// <summary>Writes <c>report.html</c>: one self-contained, printable page (inline CSS and SVG, no script, no external resource).</summary>
public static class HtmlReportWriter
{
    public const string FileName = "report.html";

    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1000px;color:#1b1f24;line-height:1.4}
        header{padding:1rem 1.25rem;border-radius:6px;color:#fff}
        header.passed{background:#1a7f37}header.failed{background:#cf222e}header.other{background:#9a6700}
        h1{margin:0;font-size:1.6rem}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
        th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
        th{background:#f6f8fa}td.passed{color:#1a7f37;font-weight:600}td.failed,td.no-data{color:#cf222e;font-weight:600}
        dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
        .plot{fill:#fff;stroke:#d0d7de}.ok{fill:#2da44e}.degraded{fill:#d4a72c}.error{fill:#cf222e}
        .p99{fill:none;stroke:#0969da;stroke-width:2}.p99-text{fill:#0969da}
        .fault-band{fill:#cf222e;fill-opacity:.08}.fault-line{stroke:#8250df;stroke-width:2;stroke-dasharray:4 3}
        .fault-label{fill:#8250df;font-size:11px}.tick{font-size:11px;fill:#57606a}.axis{font-size:12px;fill:#1b1f24}
        @media print{body{margin:0;max-width:none}header{color:#000;border:2px solid #000;background:none!important}}
        """;

    public static Task WriteAsync(RunReport report, string path, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, Render(report), cancellationToken);

    public static string Render(RunReport report)
    {
        var outcome = ReportFormat.Outcome(report.Outcome);
        var headerClass = report.Outcome switch { RunOutcome.Passed => "passed", RunOutcome.Failed => "failed", _ => "other" };
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append($"<title>{E(report.ScenarioName)}: {E(outcome)}</title>\n<style>\n{Style}\n</style>\n</head>\n<body>\n");
        html.Append($"<header class=\"{headerClass}\"><h1>{E(report.ScenarioName)}: {E(outcome)}</h1><p>{E(report.Reason)}</p></header>\n");
        AppendEnvironment(html, report);
        AppendSlos(html, report.Slos);
        html.Append("<h2>Timeline</h2>\n").Append(HtmlTimelineChart.Render(report.Load, report.Events)).Append('\n');
        html.Append(HtmlGameDaySection.Render(report.Events));
        AppendEvents(html, report.Events);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendEnvironment(StringBuilder html, RunReport report)
    {
        html.Append("<h2>Run</h2>\n<dl>");
        foreach (var (term, value) in new[]
        {
            ("Run id", report.RunId), ("Variant", report.Variant),
            ("Seed", report.Seed?.ToString(CultureInfo.InvariantCulture) ?? "none"),
            ("Started", ReportFormat.Timestamp(report.StartedAt)), ("Finished", ReportFormat.Timestamp(report.FinishedAt)),
            ("Target rate", ReportFormat.Invariant($"{report.Load.TargetRatePerSecond:0.##}/s")),
            ("Achieved rate", ReportFormat.Invariant($"{report.Load.AchievedRatePerSecond:0.##}/s")),
            ("Machine", report.Environment.Machine), (".NET", report.Environment.DotNetVersion), ("Provider", report.Environment.Provider),
        })
        {
            html.Append($"<dt>{E(term)}</dt><dd>{E(value)}</dd>");
        }
        html.Append("</dl>\n");
    }

    private static void AppendSlos(StringBuilder html, IReadOnlyList<SloResult> slos)
    {
        html.Append("<h2>SLOs</h2>\n<table><thead><tr><th>SLO</th><th>target</th><th>measured</th><th>margin</th><th>status</th><th>samples</th><th>definition</th></tr></thead><tbody>\n");
        foreach (var slo in slos)
        {
            var status = ReportFormat.Status(slo.Status);
            var notes = slo.Message is null ? "" : $"<br><em>{E(slo.Message)}</em>";
            if (slo.Percentiles is { } p)
            {
                notes += E(ReportFormat.Invariant($" p50 {p.P50Ms:0.##} ms, p95 {p.P95Ms:0.##} ms, p99 {p.P99Ms:0.##} ms"));
            }
            html.Append(ReportFormat.Invariant(
                $"<tr><td>{E(slo.Name)}</td><td>{E(slo.Target)}</td><td>{E(ReportFormat.Measured(slo))}{notes}</td><td>{E(ReportFormat.Margin(slo))}</td><td class=\"{status.Replace(' ', '-')}\">{E(status)}</td><td>{slo.Samples}</td><td>{E(slo.Definition)}</td></tr>\n"));
        }
        html.Append("</tbody></table>\n");
    }

    private static void AppendEvents(StringBuilder html, IReadOnlyList<RunEvent> events)
    {
        html.Append("<h2>Journal</h2>\n<table><thead><tr><th>time (UTC)</th><th>run clock</th><th>event</th><th>data</th></tr></thead><tbody>\n");
        foreach (var e in events.OrderBy(e => e.Time))
        {
            html.Append($"<tr><td>{E(ReportFormat.Timestamp(e.Time))}</td><td>{E(ReportFormat.Seconds(e.Seconds))}</td><td>{E(e.Type)}</td><td>{E(ReportFormat.Data(e.Data))}</td></tr>\n");
        }
        html.Append("</tbody></table>\n");
    }

    private static string E(string text) => HtmlText.Escape(text);
}
