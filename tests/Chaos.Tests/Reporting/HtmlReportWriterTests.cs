using System.Text.RegularExpressions;
using Chaos.Reporting;

namespace Chaos.Tests.Reporting;

public sealed class HtmlReportWriterTests
{
    [Fact]
    public void Render_Report_IsSelfContained()
    {
        var html = HtmlReportWriter.Render(SampleReports.Failed() with
        {
            Reason = "see http://example.com",
        });

        html.ShouldNotContain("http://", Case.Insensitive);
        html.ShouldNotContain("https://", Case.Insensitive);
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("<link", Case.Insensitive);
        html.ShouldNotContain("src=", Case.Insensitive);
        html.ShouldContain("<style>");
    }

    [Fact]
    public void Render_Report_HasAnSvgTimelineWithFaultMarkers()
    {
        var html = HtmlReportWriter.Render(SampleReports.Failed());

        var throughput = Chart(html, "throughput");
        Regex.Count(throughput, "class=\"fault-line\"").ShouldBe(2); // injected and reverted; verified sits on injected and is in the journal
        throughput.ShouldContain("class=\"fault-band\"");
        Chart(html, "latency").ShouldContain("class=\"p99\"");
    }

    [Fact]
    public void Render_FaultMarker_IsPlacedOnTheMeasuredWindowClock()
    {
        // Injected at run second 35, the window starts at run second 20: the marker sits at second 15 of 40 (150 + 15/40 x 774).
        var html = HtmlReportWriter.Render(SampleReports.Failed());

        Chart(html, "throughput").ShouldContain("<line x1=\"440.25\"");
    }

    [Fact]
    public void Render_HostileScenarioName_IsEscaped()
    {
        var html = HtmlReportWriter.Render(SampleReports.Failed("<script>alert(1)</script>"));

        html.ShouldNotContain("<script>");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    [Fact]
    public void Render_Report_ShowsSloDefinitionsAndJournal()
    {
        var html = HtmlReportWriter.Render(SampleReports.Failed());

        html.ShouldContain("(ok + degraded answers) / requests the generator intended to send");
        html.ShouldContain("fault.injected");
        html.ShouldContain("p99 240 ms");
    }

    internal static string Chart(string html, string kind)
    {
        var start = html.IndexOf($"data-chart=\"{kind}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, $"no {kind} chart");
        return html[start..html.IndexOf("</svg>", start, StringComparison.Ordinal)];
    }
}
