using System.Globalization;
using System.Text;
using Chaos.Slo;

namespace Chaos.Reporting;

/// <summary>
/// Writes <c>report.html</c>: one self-contained, printable page (inline CSS and SVG, no script, no external resource). The page is a
/// list of sections, each a method that appends its HTML; another feature adds its own section in a partial file (see
/// <see cref="AppendHumanTimeline"/>). With a baseline run the page adds a side-by-side comparison and overlays the baseline on the charts.
/// </summary>
public static partial class HtmlReportWriter
{
    public const string FileName = "report.html";

    /// <summary>What every section reads: the run, the baseline (or null), and the timeline computed once for all charts.</summary>
    internal sealed record Page(RunReport Report, RunReport? Baseline, double Seconds, HtmlTimelineChart.Overlay Overlay)
    {
        public ReportComparison? Comparison { get; } = Baseline is null ? null : ReportComparison.Of(Report, Baseline);
    }

    // The sections in page order. A new section is one method and one line here (or a partial method hook, as the human timeline).
    private static readonly IReadOnlyList<Action<StringBuilder, Page>> Sections =
    [
        AppendHeader,
        AppendSummary,
        AppendSlos,
        AppendComparison,
        AppendTimeline,
        (html, page) => HtmlDataModelPanels.Append(html, page.Report, page.Seconds),
        (html, page) => AppendHumanTimeline(html, page.Report),
        AppendJournal,
    ];

    public static Task WriteAsync(RunReport report, string path, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, Render(report), cancellationToken);

    /// <summary>Writes the report of <paramref name="report"/> compared with <paramref name="baseline"/> (or alone when null).</summary>
    public static Task WriteAsync(RunReport report, RunReport? baseline, string path, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, Render(report, baseline), cancellationToken);

    public static string Render(RunReport report, RunReport? baseline = null)
    {
        var page = new Page(report, baseline, HtmlTimelineChart.Seconds(report.Load, baseline?.Load), HtmlTimelineChart.Overlay.Of(report));
        var outcome = ReportFormat.Outcome(report.Outcome);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        var title = baseline is null ? $"{report.ScenarioName}: {outcome}" : $"{report.ScenarioName}: {outcome} (compared with {baseline.RunId})";
        html.Append($"<title>{E(title)}</title>\n<style>\n{HtmlStyle.Css}\n</style>\n</head>\n<body>\n<main>\n");
        foreach (var section in Sections)
        {
            section(html, page);
        }
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The game day's human timeline and notes (commands, notes, hypotheses); nothing for a run without them.</summary>
    private static void AppendHumanTimeline(StringBuilder html, RunReport report) => html.Append(HtmlGameDaySection.Render(report.Events));

    private static void AppendHeader(StringBuilder html, Page page)
    {
        var report = page.Report;
        var headerClass = report.Outcome switch { RunOutcome.Passed => "passed", RunOutcome.Failed => "failed", _ => "other" };
        html.Append($"<header class=\"{headerClass}\"><h1>{E(report.ScenarioName)}: {E(ReportFormat.Outcome(report.Outcome))}</h1><p>{E(report.Reason)}</p></header>\n");
    }

    private static void AppendSummary(StringBuilder html, Page page)
    {
        var report = page.Report;
        var score = ResilienceScore.Compute(report.Slos);
        var validity = RunValidity.Check(report.Load.TargetRatePerSecond, report.Load.AchievedRatePerSecond, report.Load.Intervals.Sum(i => i.Intended));
        var outcomeClass = report.Outcome switch { RunOutcome.Passed => "good", RunOutcome.Failed => "bad", _ => "meh" };
        html.Append("<section id=\"summary\" class=\"cards\">\n");
        html.Append($"<div class=\"card\"><h2>Verdict</h2><div class=\"big {outcomeClass}\">{E(ReportFormat.Outcome(report.Outcome))}</div>");
        html.Append(ReportFormat.Invariant($"<div class=\"small\">{report.Slos.Count(s => s.Status == SloStatus.Passed)} of {report.Slos.Count} SLOs met</div></div>\n"));
        var scoreText = score.Score is { } points ? ReportFormat.Invariant($"{points:0.#} / 100") : "no score";
        html.Append($"<div class=\"card\" id=\"score\"><h2>Resilience score</h2><div class=\"big\">{E(scoreText)}</div><div class=\"small\">{E(score.Explanation)}</div></div>\n");
        var validityText = validity.IsValid ? "valid" : "not valid";
        var why = validity.IsValid
            ? ReportFormat.Invariant($"the generator sent {report.Load.AchievedRatePerSecond:0.##}/s of the {report.Load.TargetRatePerSecond:0.##}/s targeted (within 1%)")
            : string.Join("; ", validity.Reasons) + "; an invalid run is not a verdict on the stack";
        html.Append($"<div class=\"card\" id=\"validity\"><h2>Run validity</h2><div class=\"big {(validity.IsValid ? "good" : "bad")}\">{validityText}</div><div class=\"small\">{E(why)}</div></div>\n");
        html.Append("</section>\n");
        AppendEnvironment(html, report);
    }

    private static void AppendEnvironment(StringBuilder html, RunReport report)
    {
        var image = report.Events.FirstOrDefault(e => e.Type == RunEvent.Types.RunStarted)?.Data.GetValueOrDefault("image");
        html.Append("<section id=\"environment\"><h2>Run and environment</h2>\n<dl>");
        foreach (var (term, value) in new[]
        {
            ("Run id", report.RunId), ("Variant", report.Variant),
            ("Seed", report.Seed?.ToString(CultureInfo.InvariantCulture) ?? "none"),
            ("Started", ReportFormat.Timestamp(report.StartedAt)), ("Finished", ReportFormat.Timestamp(report.FinishedAt)),
            ("Measured window", ReportFormat.Invariant($"{report.Load.MeasuredSeconds:0.#} s from run second {report.Load.MeasuredStartSeconds:0.#}")),
            ("Target rate", ReportFormat.Invariant($"{report.Load.TargetRatePerSecond:0.##}/s")),
            ("Achieved rate", ReportFormat.Invariant($"{report.Load.AchievedRatePerSecond:0.##}/s")),
            ("Scheduling lag p99", ReportFormat.Invariant($"{report.Load.SchedulingLagP99Micros / 1000.0:0.##} ms")),
            ("Chaos version", Recorded(report.Environment.HarnessVersion)),
            ("Stack image", Recorded(image is null ? "" : ReportFormat.DataValue(image))),
            (".NET", report.Environment.DotNetVersion), ("Inference provider", report.Environment.Provider),
            ("Machine", report.Environment.Machine), ("Operating system", Recorded(report.Environment.OperatingSystem)),
        })
        {
            html.Append($"<dt>{E(term)}</dt><dd>{E(value)}</dd>");
        }
        html.Append("</dl>\n</section>\n");
    }

    private static void AppendSlos(StringBuilder html, Page page)
    {
        html.Append("<section id=\"slos\"><h2>SLOs</h2>\n<table><thead><tr><th scope=\"col\">SLO</th><th scope=\"col\">target</th><th scope=\"col\">measured</th><th scope=\"col\">margin</th><th scope=\"col\">status</th><th scope=\"col\">samples</th></tr></thead><tbody>\n");
        foreach (var slo in page.Report.Slos)
        {
            var status = ReportFormat.Status(slo.Status);
            var notes = slo.Message is null ? "" : $"<br><em>{E(slo.Message)}</em>";
            if (slo.Percentiles is { } p)
            {
                notes += "<br>" + E(ReportFormat.Invariant($"p50 {p.P50Ms:0.##} ms, p95 {p.P95Ms:0.##} ms, p99 {p.P99Ms:0.##} ms"));
            }
            html.Append(ReportFormat.Invariant(
                $"<tr><th scope=\"row\">{E(slo.Name)}</th><td>{E(slo.Target)}</td><td>{E(ReportFormat.Measured(slo))}{notes}</td><td class=\"nowrap\">{E(ReportFormat.Margin(slo))}</td><td class=\"{status.Replace(' ', '-')} nowrap\">{E(status)}</td><td>{slo.Samples}</td></tr>\n"));
        }
        if (page.Report.Slos.Count == 0)
        {
            html.Append("<tr><td colspan=\"6\">no SLO was scored in this run</td></tr>\n");
        }
        html.Append("</tbody></table>\n<h3>Definitions</h3>\n<dl class=\"definitions\">");
        foreach (var slo in page.Report.Slos.DistinctBy(s => s.Name))
        {
            html.Append($"<dt>{E(slo.Name)}</dt><dd>{E(slo.Definition)}</dd>");
        }
        html.Append("</dl>\n</section>\n");
    }

    private static void AppendTimeline(StringBuilder html, Page page)
    {
        var report = page.Report;
        html.Append("<section id=\"timeline\"><h2>Timeline</h2>\n");
        if (report.Load.Intervals.Count == 0)
        {
            html.Append("<p class=\"not-measured\">No load was measured in this run, so there is no timeline; the journal below says what happened.</p>\n</section>\n");
            return;
        }
        var baseline = page.Baseline?.Load;
        html.Append("<h3>Throughput and error rate</h3>\n").Append(HtmlTimelineChart.Throughput(report.Load, page.Overlay, page.Seconds, baseline)).Append('\n');
        var markers = page.Overlay.Markers.Select(m => m.Kind).ToHashSet(StringComparer.Ordinal);
        html.Append(Legend([("ok", "ok"), ("degraded", "degraded (fallback)"), ("error", "errors, timeouts, drops"), ("error-rate", "error rate"),
            .. page.Overlay.Faults.Count == 0 ? Array.Empty<(string, string)>() : [("fault-band", "fault active")],
            .. new[] { RunMarkers.Detection, RunMarkers.Failover, RunMarkers.Recovery }.Where(markers.Contains).Select(kind => ($"marker-{kind}", kind)),
            .. baseline is null ? Array.Empty<(string, string)>() : [("baseline-line", $"baseline {page.Baseline!.RunId}: error rate")]]));
        html.Append("<h3>Latency</h3>\n").Append(HtmlTimelineChart.Latency(report.Load, page.Overlay, page.Seconds, baseline)).Append('\n');
        html.Append(Legend([("p50", "p50"), ("p95", "p95"), ("p99", "p99"),
            .. baseline is null ? Array.Empty<(string, string)>() : [("baseline-line", $"baseline {page.Baseline!.RunId}: p99")]]));
        var lanes = HealthLanes.From(report.Events, report.RunId, report.Load.MeasuredStartSeconds + page.Seconds);
        html.Append("<h3>Health per member</h3>\n");
        if (lanes.Count == 0)
        {
            html.Append($"<p class=\"not-measured\">Member health: {HtmlDataModelPanels.NotMeasured}.</p>\n");
        }
        else
        {
            html.Append(HtmlTimelineChart.Health(lanes, page.Overlay, report.Load.MeasuredStartSeconds, page.Seconds)).Append('\n');
            html.Append(Legend([("lane-ready", "ready"), ("lane-breaker-open", "breaker open (gateway)"), ("lane-not-ready", "not ready"), ("lane-paused", "paused"), ("lane-down", "down")]));
        }
        html.Append("</section>\n");
    }

    private static void AppendJournal(StringBuilder html, Page page)
    {
        html.Append("<section id=\"journal\"><h2>Journal</h2>\n<table><thead><tr><th scope=\"col\">time (UTC)</th><th scope=\"col\">run clock</th><th scope=\"col\">event</th><th scope=\"col\">data</th></tr></thead><tbody>\n");
        foreach (var e in page.Report.Events.OrderBy(e => e.Time))
        {
            html.Append($"<tr><td>{E(ReportFormat.Timestamp(e.Time))}</td><td>{E(ReportFormat.Seconds(e.Seconds))}</td><td>{E(e.Type)}</td><td>{E(ReportFormat.Data(e.Data))}</td></tr>\n");
        }
        html.Append("</tbody></table>\n</section>\n");
    }

    internal static string Legend(IEnumerable<(string Css, string Name)> entries) =>
        "<p class=\"legend\">" + string.Concat(entries.Select(e => $"<span><i class=\"swatch {e.Css}\"></i>{E(e.Name)}</span>")) + "</p>\n";

    private static string Recorded(string value) => value.Length == 0 ? "not recorded" : value;

    private static string E(string text) => HtmlText.Escape(text);
}
