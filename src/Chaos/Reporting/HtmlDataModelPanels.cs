using System.Globalization;
using System.Text;
using Chaos.Slo;

namespace Chaos.Reporting;

/// <summary>
/// The data and model panels, drawn from the <see cref="DataModelEvents"/> the run recorded and the prediction-quality SLO:
/// drift statistics against their thresholds, pipeline counts, model versions served, prediction quality and subgroup gap.
/// A panel with nothing recorded says "not measured in this run" rather than drawing an empty chart.
/// </summary>
internal static class HtmlDataModelPanels
{
    public const string NotMeasured = "not measured in this run";

    public static void Append(StringBuilder html, RunReport report, double seconds)
    {
        var shift = report.Load.MeasuredStartSeconds;
        var overlay = HtmlTimelineChart.Overlay.Of(report);
        html.Append("<section id=\"data-model\"><h2>Data and model</h2>\n");
        Panel(html, "Drift statistics against thresholds", Drift(report, overlay, shift, seconds));
        Panel(html, "Pipeline counts (cumulative rows)", Pipeline(report, overlay, shift, seconds));
        Panel(html, "Model versions served", Models(report, shift, seconds));
        Panel(html, "Prediction quality and subgroup gap", Quality(report, overlay, shift, seconds));
        html.Append("</section>\n");
    }

    private static void Panel(StringBuilder html, string title, string? body)
    {
        html.Append($"<div class=\"panel\"><h3>{HtmlText.Escape(title)}</h3>\n");
        html.Append(body ?? $"<p class=\"not-measured\">{NotMeasured}</p>").Append("\n</div>\n");
    }

    private static string? Drift(RunReport report, HtmlTimelineChart.Overlay overlay, double shift, double seconds)
    {
        var checks = Of(report, DataModelEvents.DriftChecked).Where(e => Number(e, "value") is not null).ToList();
        if (checks.Count == 0)
        {
            return null;
        }
        var series = checks.GroupBy(e => $"{Text(e, "statistic")} {Text(e, "feature")}".Trim(), StringComparer.Ordinal).ToList();
        var thresholds = checks.GroupBy(e => Text(e, "statistic"), StringComparer.Ordinal)
            .Select(g => (Statistic: g.Key, Threshold: g.Select(e => Number(e, "threshold")).LastOrDefault(t => t is not null))).Where(t => t.Threshold is not null).ToList();
        var max = SvgChart.NiceMax(checks.Select(e => Number(e, "value")!.Value).Concat(thresholds.Select(t => t.Threshold!.Value)).Max() * 1.1);
        var chart = new SvgChart("drift", "Drift statistics over time against their alarm thresholds", 160, seconds);
        double Y(double v) => chart.Bottom - (Math.Clamp(v, 0, max) / max * chart.PlotHeight);
        HtmlTimelineChart.AppendFaultBands(chart, overlay.Faults, seconds);
        var index = 0;
        foreach (var threshold in thresholds)
        {
            var y = Y(threshold.Threshold!.Value);
            var label = F($"{threshold.Statistic} threshold {threshold.Threshold:0.###}");
            chart.Line("threshold", "threshold", label, [(SvgChart.Left, y), (SvgChart.Width - SvgChart.Right, y)]);
            chart.Append(F($"<text x=\"{SvgChart.Left + 6}\" y=\"{y - 4:0.##}\" class=\"marker-label threshold-text\">{HtmlText.Escape(label)}</text>"));
        }
        foreach (var group in series)
        {
            chart.Line("drift", $"series-{index++ % 4}", $"{group.Key}", group.OrderBy(e => e.Seconds).Select(e => (chart.X(e.Seconds - shift), Y(Number(e, "value")!.Value))));
        }
        chart.YAxis(max, v => F($"{v:0.###}")).Caption("statistic value (dashed: its threshold)");
        return chart.Finish() + HtmlReportWriter.Legend(series.Select((g, i) => ($"series-{i % 4}", g.Key)).Append(("threshold", "threshold")));
    }

    private static string? Pipeline(RunReport report, HtmlTimelineChart.Overlay overlay, double shift, double seconds)
    {
        var batches = Of(report, DataModelEvents.PipelineBatch).ToList();
        if (batches.Count == 0)
        {
            return null;
        }
        var kinds = new[] { ("accepted", "series-0"), ("quarantined", "series-1"), ("committed", "series-2"), ("rejected", "series-3") };
        var totals = kinds.Select(k => (k.Item1, k.Item2, Points: Cumulative(batches, k.Item1))).Where(k => k.Points.Count > 0).ToList();
        var max = SvgChart.NiceMax(Math.Max(1, totals.SelectMany(t => t.Points).Select(p => p.Total).DefaultIfEmpty(0).Max()));
        var chart = new SvgChart("pipeline", "Pipeline rows over time: accepted, quarantined, committed", 160, seconds);
        double Y(double v) => chart.Bottom - (v / max * chart.PlotHeight);
        HtmlTimelineChart.AppendFaultBands(chart, overlay.Faults, seconds);
        foreach (var (name, css, points) in totals)
        {
            chart.Line(name, css, $"{name} rows, cumulative", Steps(points.Select(p => (chart.X(p.Seconds - shift), Y(p.Total))), chart.X(seconds)));
        }
        chart.YAxis(max, v => F($"{v:0}")).Caption("rows (cumulative)");
        var table = new StringBuilder("<table><thead><tr><th scope=\"col\">rows</th><th scope=\"col\">total</th></tr></thead><tbody>");
        foreach (var (name, _, points) in totals)
        {
            table.Append(F($"<tr><td>{name}</td><td>{points[^1].Total:0}</td></tr>"));
        }
        return chart.Finish() + HtmlReportWriter.Legend(totals.Select(t => (t.Item2, t.Item1))) + table.Append("</tbody></table>").ToString();
    }

    private static string? Models(RunReport report, double shift, double seconds)
    {
        var served = Of(report, DataModelEvents.ModelServed).Where(e => Text(e, "version").Length > 0).ToList();
        if (served.Count == 0)
        {
            return null;
        }
        var table = new StringBuilder("<table><thead><tr><th scope=\"col\">from (s)</th><th scope=\"col\">replica</th><th scope=\"col\">version</th><th scope=\"col\">alias</th></tr></thead><tbody>");
        foreach (var e in served.OrderBy(e => e.Seconds))
        {
            table.Append(F($"<tr><td>{Math.Max(0, e.Seconds - shift):0.0}</td><td>{HtmlText.Escape(Or(Text(e, "replica"), "all"))}</td><td>{HtmlText.Escape(Text(e, "version"))}</td><td>{HtmlText.Escape(Or(Text(e, "alias"), "-"))}</td></tr>"));
        }
        var lanes = served.GroupBy(e => Or(Text(e, "replica"), "all"), StringComparer.Ordinal).ToList();
        var chart = new SvgChart("models", "Model version served per replica over time", lanes.Count * 24, seconds);
        var y = chart.Top + 3;
        var versions = served.Select(e => Text(e, "version")).Distinct(StringComparer.Ordinal).ToList();
        foreach (var lane in lanes)
        {
            var text = new StringBuilder(F($"<g data-series=\"version\"><title>{HtmlText.Escape(lane.Key)}</title><text x=\"{SvgChart.Left - 8}\" y=\"{y + 13:0.##}\" class=\"lane-label\" text-anchor=\"end\">{HtmlText.Escape(lane.Key)}</text>"));
            var changes = lane.OrderBy(e => e.Seconds).ToList();
            for (var i = 0; i < changes.Count; i++)
            {
                var x1 = chart.X(changes[i].Seconds - shift);
                var x2 = i + 1 < changes.Count ? chart.X(changes[i + 1].Seconds - shift) : chart.X(seconds);
                var version = Text(changes[i], "version");
                text.Append(F($"<rect x=\"{x1:0.##}\" y=\"{y:0.##}\" width=\"{Math.Max(1, x2 - x1):0.##}\" height=\"18\" class=\"series-fill-{versions.IndexOf(version) % 4}\"><title>{HtmlText.Escape(lane.Key)}: {HtmlText.Escape(version)}</title></rect>"));
                text.Append(F($"<text x=\"{x1 + 4:0.##}\" y=\"{y + 13:0.##}\" class=\"version-label\">{HtmlText.Escape(version)}</text>"));
            }
            chart.Append(text.Append("</g>").ToString());
            y += 24;
        }
        return chart.Finish() + table.Append("</tbody></table>").ToString();
    }

    private static string? Quality(RunReport report, HtmlTimelineChart.Overlay overlay, double shift, double seconds)
    {
        var slo = report.Slos.FirstOrDefault(s => s.Name == SloDefinitions.PredictionQuality);
        var whole = slo is null ? "" : $"<p>Whole run: {HtmlText.Escape(ReportFormat.Sentence(slo))}.</p>";
        var windows = Of(report, DataModelEvents.QualityWindow).Where(e => Number(e, "accuracy") is not null).OrderBy(e => e.Seconds).ToList();
        if (windows.Count == 0)
        {
            return slo is null ? null : whole + $"<p class=\"not-measured\">Quality over time: {NotMeasured}.</p>";
        }
        var chart = new SvgChart("quality", "Prediction quality over time: accuracy, AUC and subgroup accuracy gap", 160, seconds);
        double Y(double v) => chart.Bottom - (Math.Clamp(v, 0, 1) * chart.PlotHeight);
        HtmlTimelineChart.AppendFaultBands(chart, overlay.Faults, seconds);
        var shown = new List<(string Css, string Name)>();
        foreach (var (key, css, name) in new[] { ("accuracy", "series-0", "accuracy"), ("auc", "series-2", "AUC"), ("gap", "series-1", "subgroup gap") })
        {
            var points = windows.Where(e => Number(e, key) is not null).Select(e => (chart.X(e.Seconds - shift), Y(Number(e, key)!.Value))).ToList();
            if (points.Count > 0 || key == "accuracy")
            {
                chart.Line(key, css, name, points);
                shown.Add((css, name));
            }
        }
        chart.YAxis(1, v => F($"{v:0.##}")).Caption("accuracy, AUC, gap (0 to 1)");
        return whole + chart.Finish() + HtmlReportWriter.Legend(shown);
    }

    private static List<(double Seconds, double Total)> Cumulative(IReadOnlyList<RunEvent> batches, string key)
    {
        var total = 0d;
        var points = new List<(double, double)>();
        foreach (var batch in batches.OrderBy(b => b.Seconds))
        {
            if (Number(batch, key) is { } count)
            {
                total += count;
                points.Add((batch.Seconds, total));
            }
        }
        return points;
    }

    // A count holds until the next batch: draw it as steps, carried on to the end of the window.
    private static IEnumerable<(double, double)> Steps(IEnumerable<(double X, double Y)> points, double endX)
    {
        (double X, double Y)? last = null;
        foreach (var point in points)
        {
            if (last is { } previous)
            {
                yield return (point.X, previous.Y);
            }
            yield return point;
            last = point;
        }
        if (last is { } final)
        {
            yield return (Math.Max(endX, final.X), final.Y);
        }
    }

    private static IEnumerable<RunEvent> Of(RunReport report, string type) => report.Events.Where(e => e.Type == type);

    private static string Text(RunEvent e, string key) => e.Data.TryGetValue(key, out var value) ? ReportFormat.DataValue(value) : "";

    private static double? Number(RunEvent e, string key) =>
        double.TryParse(Text(e, key), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static string Or(string text, string fallback) => text.Length == 0 ? fallback : text;

    private static string F(FormattableString text) => ReportFormat.Invariant(text);
}
