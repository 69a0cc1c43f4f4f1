using System.Text;

namespace Chaos.Reporting;

/// <summary>
/// The timeline charts of a run, all on one clock (seconds of the measured window): throughput per second as stacked
/// ok/degraded/error bars with the error rate, latency p50/p95/p99 per second, and health lanes per member. Each carries
/// the fault bands (injected until reverted) and the detection, failover and recovery markers; a baseline run, when given,
/// is overlaid on the throughput and latency charts.
/// </summary>
internal static class HtmlTimelineChart
{
    /// <summary>The faults and markers of a run moved onto its measured-window clock.</summary>
    public sealed record Overlay(IReadOnlyList<RunEvent> Faults, IReadOnlyList<RunMarkers.Marker> Markers)
    {
        public static Overlay Of(RunReport report)
        {
            var shift = report.Load.MeasuredStartSeconds;
            return new Overlay(
                ReportFormat.FaultEvents(report.Events).Select(e => e with { Seconds = e.Seconds - shift }).ToList(),
                RunMarkers.From(report).Select(m => m with { Seconds = m.Seconds - shift }).ToList());
        }
    }

    /// <summary>Seconds the x axis spans: the measured window, or the longer of two runs compared.</summary>
    public static double Seconds(LoadSummary load, LoadSummary? baseline = null)
    {
        static double Of(LoadSummary l) => Math.Max(l.Intervals.Count == 0 ? 0 : l.Intervals.Max(i => i.Second) + 1, l.MeasuredSeconds);
        return Math.Max(1, Math.Max(Of(load), baseline is null ? 0 : Of(baseline)));
    }

    public static string Throughput(LoadSummary load, Overlay overlay, double seconds, LoadSummary? baseline = null)
    {
        var chart = new SvgChart("throughput", "Throughput per second (ok, degraded, errors) and error rate, with faults and markers", 220, seconds);
        var maxCount = SvgChart.NiceMax(Math.Max(1, load.Intervals.Count == 0 ? 0 : load.Intervals.Max(i => i.Intended)));
        double YCount(double count) => chart.Bottom - (count / maxCount * chart.PlotHeight);
        double YRate(double fraction) => chart.Bottom - (fraction * chart.PlotHeight);
        chart.YAxis(maxCount, v => F($"{v:0}")).YAxis(1, v => F($"{v * 100:0}%"), right: true, css: "tick error-text");
        AppendFaultBands(chart, overlay.Faults, seconds);
        var barWidth = Math.Max(0.5, (SvgChart.PlotWidth / seconds) - (seconds > 300 ? 0 : 1));
        foreach (var (series, css, count) in new (string, string, Func<IntervalSummary, long>)[]
        {
            ("ok", "ok", i => i.Ok), ("degraded", "degraded", i => i.Degraded), ("errors", "error", i => i.Errors),
        })
        {
            var group = new StringBuilder();
            group.Append(F($"<g data-series=\"{series}\" class=\"{css}\"><title>{series} answers per second</title>"));
            foreach (var interval in load.Intervals)
            {
                var below = series switch { "ok" => 0, "degraded" => interval.Ok, _ => interval.Ok + interval.Degraded };
                var value = count(interval);
                if (value == 0)
                {
                    continue;
                }
                var top = YCount(below + value);
                group.Append(F($"<rect x=\"{chart.X(interval.Second):0.##}\" y=\"{top:0.##}\" width=\"{barWidth:0.##}\" height=\"{YCount(below) - top:0.##}\"/>"));
            }
            chart.Append(group.Append("</g>").ToString());
        }
        if (baseline is not null)
        {
            chart.Line("baseline-error-rate", "baseline-line", "baseline run: error rate per second", ErrorRate(baseline, chart, YRate));
        }
        chart.Line("error-rate", "error-rate", "error rate per second (right axis)", ErrorRate(load, chart, YRate));
        AppendFaultLines(chart, overlay.Faults, labels: true);
        AppendMarkers(chart, overlay.Markers, labels: true);
        chart.Caption("requests per second", "error rate", "axis error-text");
        return chart.Finish();
    }

    public static string Latency(LoadSummary load, Overlay overlay, double seconds, LoadSummary? baseline = null)
    {
        var chart = new SvgChart("latency", "Latency per second of successful answers: p50, p95 and p99, with faults and markers", 200, seconds);
        var highest = load.Intervals.Select(i => i.P99Ms ?? 0).Concat(baseline?.Intervals.Select(i => i.P99Ms ?? 0) ?? []).DefaultIfEmpty(0).Max();
        var maxMs = SvgChart.NiceMax(Math.Max(1, highest));
        double Y(double ms) => chart.Bottom - (Math.Min(ms, maxMs) / maxMs * chart.PlotHeight);
        chart.YAxis(maxMs, v => F($"{v:0.#} ms"));
        AppendFaultBands(chart, overlay.Faults, seconds);
        if (baseline is not null)
        {
            chart.Line("baseline-p99", "baseline-line", "baseline run: p99 latency", Points(baseline, chart, i => i.P99Ms, Y));
        }
        chart.Line("p50", "p50", "p50 latency", Points(load, chart, i => i.P50Ms, Y));
        chart.Line("p95", "p95", "p95 latency", Points(load, chart, i => i.P95Ms, Y));
        chart.Line("p99", "p99", "p99 latency", Points(load, chart, i => i.P99Ms, Y));
        AppendFaultLines(chart, overlay.Faults, labels: false);
        AppendMarkers(chart, overlay.Markers, labels: false);
        chart.Caption("latency from the intended send time");
        return chart.Finish();
    }

    public static string Health(IReadOnlyList<HealthLanes.Lane> lanes, Overlay overlay, double shift, double seconds)
    {
        const double laneHeight = 18, gap = 6, groupGap = 18;
        var regions = lanes.GroupBy(l => l.Region).ToList();
        var plotHeight = (lanes.Count * (laneHeight + gap)) + (regions.Count * groupGap);
        var chart = new SvgChart("health", "Health per member and region as the run observed it: ready, breaker open, not ready, paused, down", plotHeight, seconds);
        var y = chart.Top + 4;
        foreach (var region in regions)
        {
            chart.Append(F($"<text x=\"8\" y=\"{y + 11:0.##}\" class=\"lane-group\">{HtmlText.Escape(region.Key.Length == 0 ? "region: not reported" : $"region {region.Key}")}</text>"));
            y += groupGap;
            foreach (var lane in region)
            {
                var text = new StringBuilder();
                text.Append(F($"<g data-series=\"lane\" data-member=\"{HtmlText.Escape(lane.Member)}\"><title>{HtmlText.Escape(lane.Member)}</title>"));
                text.Append(F($"<text x=\"{SvgChart.Left - 8}\" y=\"{y + 13:0.##}\" class=\"lane-label\" text-anchor=\"end\">{HtmlText.Escape(lane.Member)}</text>"));
                foreach (var segment in lane.Segments)
                {
                    var x1 = chart.X(segment.StartSeconds - shift);
                    var x2 = chart.X(segment.EndSeconds - shift);
                    if (x2 - x1 < 0.01)
                    {
                        continue;
                    }
                    var state = StateName(segment.State);
                    text.Append(F($"<rect x=\"{x1:0.##}\" y=\"{y:0.##}\" width=\"{x2 - x1:0.##}\" height=\"{laneHeight}\" class=\"lane-{state.Replace(' ', '-')}\"><title>{HtmlText.Escape(lane.Member)}: {state} from {segment.StartSeconds - shift:0.#} s to {segment.EndSeconds - shift:0.#} s</title></rect>"));
                }
                chart.Append(text.Append("</g>").ToString());
                y += laneHeight + gap;
            }
        }
        AppendFaultLines(chart, overlay.Faults, labels: false);
        AppendMarkers(chart, overlay.Markers, labels: false);
        return chart.Finish();
    }

    public static string StateName(HealthLanes.State state) => state switch
    {
        HealthLanes.State.Ready => "ready",
        HealthLanes.State.BreakerOpen => "breaker open",
        HealthLanes.State.NotReady => "not ready",
        HealthLanes.State.Paused => "paused",
        _ => "down",
    };

    public static void AppendFaultBands(SvgChart chart, IReadOnlyList<RunEvent> faults, double seconds)
    {
        var group = new StringBuilder("<g data-series=\"fault\"><title>faults: from injection to revert</title>");
        foreach (var injected in faults.Where(e => e.Type == RunEvent.Types.FaultInjected))
        {
            var end = faults.FirstOrDefault(e => e.Type == RunEvent.Types.FaultReverted && e.Seconds >= injected.Seconds
                && Same(e, injected, "kind"))?.Seconds ?? seconds;
            var x = chart.X(injected.Seconds);
            group.Append(F($"<rect x=\"{x:0.##}\" y=\"{chart.Top - 5}\" width=\"{Math.Max(1, chart.X(end) - x):0.##}\" height=\"5\" class=\"fault-strip\"/>"));
            group.Append(F($"<rect x=\"{x:0.##}\" y=\"{chart.Top}\" width=\"{Math.Max(1, chart.X(end) - x):0.##}\" height=\"{chart.PlotHeight}\" class=\"fault-band\"><title>{HtmlText.Escape(ReportFormat.FaultLabel(injected))} until {end:0.#} s</title></rect>"));
        }
        chart.Append(group.Append("</g>").ToString());
    }

    private static void AppendFaultLines(SvgChart chart, IReadOnlyList<RunEvent> faults, bool labels)
    {
        var rows = new LabelRows(4);
        var group = new StringBuilder("<g data-series=\"fault-lines\">");
        // Verification follows injection within milliseconds: its line would sit on the injection's. The journal has it.
        foreach (var fault in faults.Where(f => f.Type != RunEvent.Types.FaultVerified))
        {
            var position = chart.X(fault.Seconds);
            group.Append(F($"<line x1=\"{position:0.##}\" y1=\"{chart.Top}\" x2=\"{position:0.##}\" y2=\"{chart.Bottom}\" class=\"fault-line\"/>"));
            if (labels)
            {
                var label = ReportFormat.FaultLabel(fault);
                var (x, anchor, row) = rows.Place(position, label);
                group.Append(F($"<text x=\"{x:0.##}\" y=\"{chart.Top + 14 + (14 * row)}\"{anchor} class=\"fault-label\">{HtmlText.Escape(label)}</text>"));
            }
        }
        chart.Append(group.Append("</g>").ToString());
    }

    private static void AppendMarkers(SvgChart chart, IReadOnlyList<RunMarkers.Marker> markers, bool labels)
    {
        var rows = new LabelRows(3);
        foreach (var marker in markers)
        {
            var position = chart.X(marker.Seconds);
            var text = new StringBuilder(F($"<g data-series=\"{marker.Kind}\"><title>{HtmlText.Escape(marker.Label)} at {marker.Seconds:0.#} s</title>"));
            text.Append(F($"<line x1=\"{position:0.##}\" y1=\"{chart.Top}\" x2=\"{position:0.##}\" y2=\"{chart.Bottom}\" class=\"marker-{marker.Kind}\"/>"));
            if (labels)
            {
                var (x, anchor, row) = rows.Place(position, marker.Label);
                text.Append(F($"<text x=\"{x:0.##}\" y=\"{chart.Bottom - 8 - (14 * row)}\"{anchor} class=\"marker-label marker-{marker.Kind}-text\">{HtmlText.Escape(marker.Label)}</text>"));
            }
            chart.Append(text.Append("</g>").ToString());
        }
    }

    /// <summary>
    /// Places labels beside their lines in the first row where they overlap no earlier label (text width estimated at 12px bold),
    /// to the left of the line where they would run past the plot; when every row is taken, rows are reused in turn.
    /// </summary>
    internal sealed class LabelRows(int count)
    {
        private const double CharWidth = 7.2;
        private readonly List<(double From, double To)>[] _rows = Enumerable.Range(0, count).Select(_ => new List<(double, double)>()).ToArray();
        private int _next;

        public (double X, string Anchor, int Row) Place(double line, string label)
        {
            var width = label.Length * CharWidth;
            var right = line + 4 + width <= SvgChart.Width - SvgChart.Right;
            var (from, to) = right ? (line + 4, line + 4 + width) : (line - 4 - width, line - 4);
            var row = Array.FindIndex(_rows, r => r.All(taken => to < taken.From - 6 || from > taken.To + 6));
            if (row < 0)
            {
                row = _next++ % _rows.Length;
            }
            _rows[row].Add((from, to));
            return right ? (line + 4, "", row) : (line - 4, " text-anchor=\"end\"", row);
        }
    }

    private static IEnumerable<(double, double)> ErrorRate(LoadSummary load, SvgChart chart, Func<double, double> y) =>
        load.Intervals.Where(i => i.Intended > 0).Select(i => (chart.X(i.Second + 0.5), y((double)i.Errors / i.Intended)));

    private static IEnumerable<(double, double)> Points(LoadSummary load, SvgChart chart, Func<IntervalSummary, double?> value, Func<double, double> y) =>
        load.Intervals.Where(i => value(i) is not null).Select(i => (chart.X(i.Second + 0.5), y(value(i)!.Value)));

    private static bool Same(RunEvent a, RunEvent b, string key) =>
        !a.Data.TryGetValue(key, out var x) || !b.Data.TryGetValue(key, out var y) || ReportFormat.DataValue(x) == ReportFormat.DataValue(y);

    private static string F(FormattableString text) => ReportFormat.Invariant(text);
}
