using System.Text.RegularExpressions;
using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.Tests.Reporting;

public sealed class HtmlGateReportWriterTests
{
    // The matrix.json of `chaos gate --matrix` (MatrixFile): one variant caught in one scenario, one caught nowhere.
    private const string Matrix = """
        {
          "matrixId": "matrix-1", "wallTimeSeconds": 300, "exitCode": 1, "complete": true, "passed": false,
          "fullPassed": true, "everyVariantCaught": false,
          "scenarios": ["replica-kill", "model-corrupt-artifact"],
          "full": [
            { "scenario": "replica-kill", "runs": 1, "passed": 1, "interval": { "lower": 0.2, "upper": 1 }, "runIds": ["f1"], "explanation": "passed 1/1" },
            { "scenario": "model-corrupt-artifact", "runs": 1, "passed": 1, "interval": { "lower": 0.2, "upper": 1 }, "runIds": ["f2"], "explanation": "passed 1/1" }
          ],
          "variants": [
            { "variant": "no-retries", "description": "retries", "caught": true, "cells": [
              { "scenario": "replica-kill", "status": "caught", "runIds": ["v1"], "outcomes": ["failed"], "explanation": "failed: availability 97.1%",
                "symptoms": [ { "slo": "availability", "target": ">= 99.5%", "measured": 0.971, "margin": -0.024, "unit": "fraction", "status": "failed" } ] },
              { "scenario": "model-corrupt-artifact", "status": "missed", "runIds": ["v2"], "outcomes": ["passed"], "explanation": "passed", "symptoms": [] } ] },
            { "variant": "no-integrity-check", "description": "integrityCheck", "caught": false, "cells": [
              { "scenario": "replica-kill", "status": "missed", "runIds": ["v3"], "outcomes": ["passed"], "explanation": "passed", "symptoms": [] } ] }
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
