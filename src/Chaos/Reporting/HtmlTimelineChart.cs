using System.Text;

namespace Chaos.Reporting;

/// <summary>
/// Inline SVG of a run on one clock: stacked bars of ok/degraded/error answers per second (left axis), p99 latency per second
/// (right axis), and fault events as labelled vertical lines with shaded bands until the fault is reverted.
/// </summary>
internal static class HtmlTimelineChart
{
    private const double Width = 960, Height = 360, Left = 64, Right = 64, Top = 24, Bottom = 44;
    private const double PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;

    public static string Render(LoadSummary load, IReadOnlyList<RunEvent> events)
    {
        // Events are on the run clock; the chart's x axis is the measured window, so shift them onto it.
        var faults = ReportFormat.FaultEvents(events).Select(e => e with { Seconds = e.Seconds - load.MeasuredStartSeconds }).ToList();
        var seconds = Math.Max(1, Math.Max(load.Intervals.Count == 0 ? 0 : load.Intervals.Max(i => i.Second) + 1, load.MeasuredSeconds));
        var maxCount = Math.Max(1, load.Intervals.Count == 0 ? 0 : load.Intervals.Max(i => i.Intended));
        var maxP99 = Math.Max(1, load.Intervals.Max(i => i.P99Ms) ?? 0);
        double X(double second) => Left + (Math.Clamp(second, 0, seconds) / seconds * PlotWidth);
        double YCount(double count) => Top + PlotHeight - (count / maxCount * PlotHeight);
        double YMillis(double ms) => Top + PlotHeight - (ms / maxP99 * PlotHeight);

        var svg = new StringBuilder();
        svg.Append(F($"<svg role=\"img\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\">"));
        svg.Append("<title>Throughput per second and p99 latency, with fault markers</title>");
        svg.Append(F($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{PlotWidth}\" height=\"{PlotHeight}\" class=\"plot\"/>"));
        AppendFaultBands(svg, faults, seconds, X);
        var barWidth = Math.Max(1, (PlotWidth / seconds) - 1);
        foreach (var interval in load.Intervals)
        {
            var x = X(interval.Second);
            var y = YCount(0);
            foreach (var (count, css) in new[] { (interval.Ok, "ok"), (interval.Degraded, "degraded"), (interval.Errors, "error") })
            {
                if (count == 0)
                {
                    continue;
                }
                var top = YCount(count) - (YCount(0) - y);
                svg.Append(F($"<rect x=\"{x:0.##}\" y=\"{top:0.##}\" width=\"{barWidth:0.##}\" height=\"{y - top:0.##}\" class=\"{css}\"><title>second {interval.Second}: {count} {css}</title></rect>"));
                y = top;
            }
        }
        var points = load.Intervals.Where(i => i.P99Ms is not null)
            .Select(i => F($"{X(i.Second + 0.5):0.##},{YMillis(i.P99Ms!.Value):0.##}"));
        svg.Append(F($"<polyline points=\"{string.Join(' ', points)}\" class=\"p99\"/>"));
        AppendFaultLines(svg, faults, X);
        AppendAxes(svg, seconds, maxCount, maxP99, X);
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void AppendFaultBands(StringBuilder svg, List<RunEvent> faults, double seconds, Func<double, double> x)
    {
        foreach (var injected in faults.Where(e => e.Type == RunEvent.Types.FaultInjected))
        {
            var end = faults.FirstOrDefault(e => e.Type == RunEvent.Types.FaultReverted && e.Seconds >= injected.Seconds)?.Seconds ?? seconds;
            svg.Append(F($"<rect x=\"{x(injected.Seconds):0.##}\" y=\"{Top}\" width=\"{Math.Max(1, x(end) - x(injected.Seconds)):0.##}\" height=\"{PlotHeight}\" class=\"fault-band\"/>"));
        }
    }

    private static void AppendFaultLines(StringBuilder svg, List<RunEvent> faults, Func<double, double> x)
    {
        var row = 0;
        // Verification follows injection within milliseconds: its line would sit on the injection's. The journal has it.
        foreach (var fault in faults.Where(f => f.Type != RunEvent.Types.FaultVerified))
        {
            var position = x(fault.Seconds);
            var label = HtmlText.Escape(ReportFormat.FaultLabel(fault));
            var nearRightEdge = position > x(0) + (PlotWidth * 0.7);
            var anchor = nearRightEdge ? " text-anchor=\"end\"" : "";
            var labelX = nearRightEdge ? position - 3 : position + 3;
            svg.Append(F($"<line x1=\"{position:0.##}\" y1=\"{Top}\" x2=\"{position:0.##}\" y2=\"{Top + PlotHeight}\" class=\"fault-line\"/>"));
            svg.Append(F($"<text x=\"{labelX:0.##}\" y=\"{Top + 12 + (12 * (row++ % 4))}\"{anchor} class=\"fault-label\">{label}</text>"));
        }
    }

    private static void AppendAxes(StringBuilder svg, double seconds, long maxCount, double maxP99, Func<double, double> x)
    {
        var step = Math.Max(1, Math.Ceiling(seconds / 10));
        for (var second = 0d; second <= seconds; second += step)
        {
            svg.Append(F($"<text x=\"{x(second):0.##}\" y=\"{Top + PlotHeight + 16}\" class=\"tick\" text-anchor=\"middle\">{second:0}</text>"));
        }
        svg.Append(F($"<text x=\"{Left + (PlotWidth / 2)}\" y=\"{Height - 6}\" class=\"axis\" text-anchor=\"middle\">seconds since the start of the measured window</text>"));
        foreach (var fraction in new[] { 0d, 0.5, 1 })
        {
            var y = Top + PlotHeight - (fraction * PlotHeight);
            svg.Append(F($"<text x=\"{Left - 6}\" y=\"{y + 4:0.##}\" class=\"tick\" text-anchor=\"end\">{maxCount * fraction:0}</text>"));
            svg.Append(F($"<text x=\"{Width - Right + 6}\" y=\"{y + 4:0.##}\" class=\"tick p99-text\">{maxP99 * fraction:0.#} ms</text>"));
        }
        svg.Append(F($"<text x=\"{Left}\" y=\"{Top - 8}\" class=\"axis\">requests per second (ok, degraded, errors)</text>"));
        svg.Append(F($"<text x=\"{Width - Right}\" y=\"{Top - 8}\" class=\"axis p99-text\" text-anchor=\"end\">p99 latency</text>"));
    }

    private static string F(FormattableString text) => ReportFormat.Invariant(text);
}
