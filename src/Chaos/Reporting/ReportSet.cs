namespace Chaos.Reporting;

/// <summary>Writes the end-of-run report files into a run's directory: result.json, junit.xml, summary.md and report.html.</summary>
public static class ReportSet
{
    /// <summary>Writes every report file; <paramref name="githubStepSummary"/> is the value of <c>GITHUB_STEP_SUMMARY</c> or null.</summary>
    public static async Task WriteAllAsync(RunReport report, string directory, string? githubStepSummary, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        await ResultJsonWriter.WriteAsync(report, Path.Combine(directory, ResultJsonWriter.FileName), ct);
        await JUnitWriter.WriteAsync(report, Path.Combine(directory, JUnitWriter.FileName), ct);
        await SummaryWriter.WriteAsync(report, Path.Combine(directory, SummaryWriter.FileName), githubStepSummary, ct);
        await HtmlReportWriter.WriteAsync(report, Path.Combine(directory, HtmlReportWriter.FileName), ct);
    }
}
