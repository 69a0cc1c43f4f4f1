using System.Text;

namespace Chaos.Reporting;

/// <summary>
/// One inline SVG chart on the run's measured-window clock. Every chart of a report shares the same left edge and width,
/// so second N sits at the same x on all of them; series are groups marked <c>data-series</c>, the chart <c>data-chart</c>.
/// </summary>
internal sealed class SvgChart
{
    public const double Width = 1000, Left = 150, Right = 76, PlotWidth = Width - Left - Right;
    private readonly StringBuilder _svg = new();
    private readonly double _seconds;

    public SvgChart(string kind, string title, double plotHeight, double seconds, double top = 30)
    {
        _seconds = Math.Max(1, seconds);
        Top = top;
        PlotHeight = plotHeight;
        Height = top + plotHeight + 42;
        _svg.Append(F($"<svg role=\"img\" aria-label=\"{HtmlText.Escape(title)}\" data-chart=\"{kind}\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\">"));
        _svg.Append(F($"<title>{HtmlText.Escape(title)}</title>"));
        _svg.Append(F($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{PlotWidth}\" height=\"{PlotHeight}\" class=\"plot\"/>"));
    }

    public double Top { get; }
    public double PlotHeight { get; }
    public double Height { get; }
    public double Bottom => Top + PlotHeight;

    public double X(double second) => Left + (Math.Clamp(second, 0, _seconds) / _seconds * PlotWidth);

    public SvgChart Append(string svg)
    {
        _svg.Append(svg);
        return this;
    }

    /// <summary>A polyline series; <paramref name="points"/> in chart coordinates. An empty series still leaves its (empty) group.</summary>
    public SvgChart Line(string series, string css, string title, IEnumerable<(double X, double Y)> points)
    {
        var text = string.Join(' ', points.Select(p => F($"{p.X:0.##},{p.Y:0.##}")));
        _svg.Append(F($"<g data-series=\"{series}\"><title>{HtmlText.Escape(title)}</title><polyline points=\"{text}\" class=\"{css}\"/></g>"));
        return this;
    }

    /// <summary>Y-axis labels at 0, half and full scale, on the left or on the right of the plot.</summary>
    public SvgChart YAxis(double max, Func<double, string> format, bool right = false, string css = "tick")
    {
        foreach (var fraction in new[] { 0d, 0.5, 1 })
        {
            var y = Bottom - (fraction * PlotHeight);
            var x = right ? Width - Right + 6 : Left - 6;
            var anchor = right ? "start" : "end";
            _svg.Append(F($"<text x=\"{x}\" y=\"{y + 4:0.##}\" class=\"{css}\" text-anchor=\"{anchor}\">{HtmlText.Escape(format(max * fraction))}</text>"));
            if (!right && fraction > 0)
            {
                _svg.Append(F($"<line x1=\"{Left}\" y1=\"{y:0.##}\" x2=\"{Width - Right}\" y2=\"{y:0.##}\" class=\"grid\"/>"));
            }
        }
        return this;
    }

    public SvgChart Caption(string left, string? right = null, string rightCss = "axis")
    {
        _svg.Append(F($"<text x=\"{Left}\" y=\"{Top - 10}\" class=\"axis\">{HtmlText.Escape(left)}</text>"));
        if (right is not null)
        {
            _svg.Append(F($"<text x=\"{Width - Right}\" y=\"{Top - 10}\" class=\"{rightCss}\" text-anchor=\"end\">{HtmlText.Escape(right)}</text>"));
        }
        return this;
    }

    /// <summary>Closes the chart with the time axis (seconds since the start of the measured window).</summary>
    public string Finish()
    {
        var step = NiceStep(_seconds / 10);
        for (var second = 0d; second <= _seconds + 1e-9; second += step)
        {
            _svg.Append(F($"<text x=\"{X(second):0.##}\" y=\"{Bottom + 16}\" class=\"tick\" text-anchor=\"middle\">{second:0}</text>"));
        }
        _svg.Append(F($"<text x=\"{Left + (PlotWidth / 2)}\" y=\"{Height - 6}\" class=\"axis\" text-anchor=\"middle\">seconds since the start of the measured window</text>"));
        _svg.Append("</svg>");
        return _svg.ToString();
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        if (!(rough > 0))
        {
            return 1;
        }
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1d, 2, 5, 10 }.Select(m => m * power).First(s => s >= rough - 1e-9);
        return Math.Max(1, step);
    }

    /// <summary>A round upper bound of a scale: 1, 2, 2.5, 5 or 10 times a power of ten, at least <paramref name="value"/>.</summary>
    public static double NiceMax(double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            return 1;
        }
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1d, 2, 2.5, 5, 10 }.Select(m => m * power).First(s => s >= value - 1e-12);
    }

    private static string F(FormattableString text) => ReportFormat.Invariant(text);
}
