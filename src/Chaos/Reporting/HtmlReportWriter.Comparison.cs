using System.Text;
using Chaos.Slo;

namespace Chaos.Reporting;

public static partial class HtmlReportWriter
{
    // Side by side: the SLOs of both runs with the change, then the load figures; the charts overlay the baseline.
    private static void AppendComparison(StringBuilder html, Page page)
    {
        if (page.Comparison is not { } comparison)
        {
            return;
        }
        var baseline = comparison.Baseline;
        html.Append("<section id=\"comparison\"><h2>Compared with the baseline</h2>\n");
        html.Append($"<p>Baseline: run {E(baseline.RunId)} ({E(baseline.ScenarioName)} on {E(baseline.Variant)}), {E(ReportFormat.Outcome(baseline.Outcome))}: {E(baseline.Reason)}. ");
        html.Append("The charts below overlay the baseline's error rate and p99 latency (grey, dashed) on this run's, on the same clock.</p>\n");
        html.Append("<table><thead><tr><th scope=\"col\">SLO</th><th scope=\"col\">baseline</th><th scope=\"col\">this run</th><th scope=\"col\">change in measured</th><th scope=\"col\">change in margin</th><th scope=\"col\">verdict</th></tr></thead><tbody>\n");
        foreach (var delta in comparison.Slos)
        {
            var change = ChangeText(delta.Change);
            html.Append($"<tr><th scope=\"row\">{E(delta.Name)}</th><td>{E(Side(delta.Baseline))}</td><td>{E(Side(delta.Current))}</td>");
            html.Append($"<td>{E(Signed(delta.MeasuredDelta, delta.Unit))}</td><td>{E(Signed(delta.MarginDelta, delta.Unit))}</td><td class=\"{change.Replace(' ', '-')}\">{E(change)}</td></tr>\n");
        }
        html.Append("</tbody></table>\n");
        html.Append("<table><thead><tr><th scope=\"col\">load</th><th scope=\"col\">baseline</th><th scope=\"col\">this run</th></tr></thead><tbody>\n");
        var (now, before) = (comparison.CurrentLoad, comparison.BaselineLoad);
        Row(html, "requests intended", ReportFormat.Invariant($"{before.Intended}"), ReportFormat.Invariant($"{now.Intended}"));
        Row(html, "achieved rate", ReportFormat.Invariant($"{before.AchievedRatePerSecond:0.##}/s"), ReportFormat.Invariant($"{now.AchievedRatePerSecond:0.##}/s"));
        Row(html, "not answered successfully", Percent(before.ErrorShare), Percent(now.ErrorShare));
        Row(html, "median of per-second p99", Millis(before.MedianP99Ms), Millis(now.MedianP99Ms));
        Row(html, "worst per-second p99", Millis(before.WorstP99Ms), Millis(now.WorstP99Ms));
        html.Append("</tbody></table>\n</section>\n");
    }

    private static void Row(StringBuilder html, string name, string before, string now) =>
        html.Append($"<tr><th scope=\"row\">{E(name)}</th><td>{E(before)}</td><td>{E(now)}</td></tr>\n");

    private static string Side(SloResult? slo) => slo is null ? "not scored" : $"{ReportFormat.Measured(slo)} ({ReportFormat.Status(slo.Status)})";

    private static string Signed(double? delta, string unit) => delta is not { } value
        ? "-"
        : unit == SloDefinitions.FractionUnit
            ? ReportFormat.Invariant($"{(value >= 0 ? "+" : "")}{value * 100:0.###} pp")
            : ReportFormat.Invariant($"{(value >= 0 ? "+" : "")}{value:0.###}{unit}");

    private static string ChangeText(ReportComparison.Change change) => change switch
    {
        ReportComparison.Change.Better => "better",
        ReportComparison.Change.Worse => "worse",
        ReportComparison.Change.OnlyInCurrent => "new in this run",
        ReportComparison.Change.OnlyInBaseline => "only in the baseline",
        _ => "same",
    };

    private static string Percent(double? fraction) => fraction is { } f ? ReportFormat.Invariant($"{f * 100:0.###}%") : "-";

    private static string Millis(double? ms) => ms is { } m ? ReportFormat.Invariant($"{m:0.##} ms") : "-";
}
