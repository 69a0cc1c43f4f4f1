using System.Text.RegularExpressions;
using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.Tests.Reporting;

public sealed class HtmlGateReportWriterTests
{
    private const string Matrix = """
        {
          "scenarios": ["replica-kill", "model-corrupt-artifact"],
          "rows": [
            { "practice": "retries", "variant": "no-retries", "cells": [
              { "scenario": "replica-kill", "caught": true, "slo": "availability", "measured": "97.1%" },
              { "scenario": "model-corrupt-artifact", "caught": false } ] },
            { "practice": "integrityCheck", "variant": "no-integrity-check", "cells": [
              { "scenario": "replica-kill", "caught": false } ] }
          ]
        }
        """;

    [Fact]
    public void Render_Repeats_ShowsEveryRunPassRateAndWilsonInterval()
    {
        var passed = SampleReports.Failed() with { Outcome = RunOutcome.Passed };
        var html = HtmlGateReportWriter.Render([passed, passed with { RunId = "r2" }, SampleReports.Failed() with { RunId = "r3", Outcome = RunOutcome.Failed }]);

        html.ShouldContain("<h1>Gate: failed</h1>");
        html.ShouldContain("<td>2/3</td><td>66.7%</td>");
        var interval = WilsonInterval.For(2, 3);
        html.ShouldContain(ReportFormat.Invariant($"{interval.Lower * 100:0.#}% – {interval.Upper * 100:0.#}%"));
        html.ShouldContain("href=\"r3/report.html\"");
        html.ShouldContain("No matrix.json in this gate");
    }

    [Fact]
    public void Render_Matrix_ShowsCaughtCellsWithTheirSloAndUncaughtPractices()
    {
        var (matrix, error) = FidelityMatrix.Read(Matrix, "matrix.json");
        error.ShouldBeNull();

        var html = HtmlGateReportWriter.Render([SampleReports.Failed()], matrix: matrix);

        html.ShouldContain("caught<br><span class=\"small\">availability 97.1%</span>");
        Regex.Count(html, ">not caught<").ShouldBe(2);
        html.ShouldContain("<td>not run</td>"); // integrityCheck x model-corrupt-artifact has no cell
        html.ShouldContain(">NO</td>"); // integrityCheck is caught by no scenario
    }

    [Fact]
    public async Task WriteGateAsync_Gate_WritesItsReportHtml()
    {
        var directory = SampleReports.TempDirectory();

        await ReportSet.WriteGateAsync([SampleReports.Failed()], directory, null, TestContext.Current.CancellationToken);

        (await File.ReadAllTextAsync(Path.Combine(directory, "report.html"), TestContext.Current.CancellationToken)).ShouldContain("Scenarios and repeats");
    }
}
