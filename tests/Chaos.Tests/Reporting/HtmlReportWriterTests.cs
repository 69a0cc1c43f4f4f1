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

public sealed class HtmlReportWriterSectionTests
{
    [Fact]
    public void Render_RunWithoutDataEvents_SaysNotMeasuredInsteadOfEmptyCharts()
    {
        var html = HtmlReportWriter.Render(SampleReports.Failed());

        Regex.Count(html, "not measured in this run").ShouldBe(5); // member health, drift, pipeline, model versions, quality (no quality SLO either)
        html.ShouldNotContain("data-chart=\"drift\"");
        html.ShouldNotContain("data-chart=\"quality\"");
    }

    [Fact]
    public void Render_DataEvents_DrawsTheirPanels()
    {
        var report = SampleReports.Failed() with
        {
            Events =
            [
                SampleReports.Event(22, DataModelEvents.DriftChecked, ("statistic", "psi"), ("value", 0.05), ("threshold", 0.2)),
                SampleReports.Event(40, DataModelEvents.DriftChecked, ("statistic", "psi"), ("value", 0.31), ("threshold", 0.2)),
                SampleReports.Event(25, DataModelEvents.PipelineBatch, ("accepted", 95), ("quarantined", 5), ("committed", 95)),
                SampleReports.Event(21, DataModelEvents.ModelServed, ("version", "credit-v3")),
                SampleReports.Event(30, DataModelEvents.QualityWindow, ("accuracy", 0.8), ("gap", 0.04)),
            ],
        };

        var html = HtmlReportWriter.Render(report);

        HtmlReportWriterTests.Chart(html, "drift").ShouldContain("psi threshold 0.2");
        HtmlReportWriterTests.Chart(html, "pipeline").ShouldContain("data-series=\"quarantined\"");
        HtmlReportWriterTests.Chart(html, "models").ShouldContain("credit-v3");
        HtmlReportWriterTests.Chart(html, "quality").ShouldContain("data-series=\"gap\"");
        html.ShouldContain("<tr><td>quarantined</td><td>5</td></tr>");
    }

    [Fact]
    public void Render_Summary_HasScoreValidityAndEnvironment()
    {
        var html = HtmlReportWriter.Render(SampleReports.Failed());

        html.ShouldContain("id=\"score\"");
        html.ShouldContain("<div class=\"big good\">valid</div>"); // SampleReports' load achieves its target rate
        html.ShouldContain("<dt>Inference provider</dt><dd>CPUExecutionProvider</dd>");
        html.ShouldContain("<dt>Chaos version</dt><dd>not recorded</dd>");
    }

    [Fact]
    public void Render_WithBaseline_AddsTheComparisonAndTheOverlays()
    {
        var baseline = SampleReports.Failed() with { RunId = "20250101-000000-base" };

        var html = HtmlReportWriter.Render(SampleReports.Failed(), baseline);

        html.ShouldContain("<section id=\"comparison\">");
        html.ShouldContain("(compared with 20250101-000000-base)</title>");
        HtmlReportWriterTests.Chart(html, "throughput").ShouldContain("data-series=\"baseline-error-rate\"");
        HtmlReportWriterTests.Chart(html, "latency").ShouldContain("data-series=\"baseline-p99\"");
        HtmlReportWriter.Render(SampleReports.Failed()).ShouldNotContain("id=\"comparison\"");
    }

    [Fact]
    public void Render_NoLoad_SaysThereIsNoTimeline()
    {
        var html = HtmlReportWriter.Render(SampleReports.Failed() with { Load = LoadSummary.Empty });

        html.ShouldContain("No load was measured in this run");
        html.ShouldNotContain("data-chart=\"throughput\"");
        html.ShouldContain("<div class=\"big bad\">not valid</div>");
    }
}
