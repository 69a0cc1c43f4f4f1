namespace Chaos.Reporting;

/// <summary>
/// Writes the end-of-run report files into a run's directory (result.json, junit.xml, summary.md, report.html), and the files of a
/// gate into the gate's directory (one junit.xml for every run, gate-summary.md, report.html).
/// </summary>
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

    /// <summary>Writes the gate's junit.xml (one testsuite per run), gate-summary.md and report.html; <paramref name="githubStepSummary"/> as above.</summary>
    public static async Task WriteGateAsync(IReadOnlyList<RunReport> reports, string directory, string? githubStepSummary, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        await JUnitWriter.WriteAsync(reports, Path.Combine(directory, JUnitWriter.FileName), ct);
        await GateSummaryWriter.WriteAsync(reports, Path.Combine(directory, GateSummaryWriter.FileName), githubStepSummary, ct);
        await File.WriteAllTextAsync(Path.Combine(directory, HtmlReportWriter.FileName), HtmlGateReportWriter.Render(reports), ct);
    }
}
