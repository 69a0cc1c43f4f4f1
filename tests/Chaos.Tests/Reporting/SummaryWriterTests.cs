using Chaos.Reporting;

namespace Chaos.Tests.Reporting;

public sealed class SummaryWriterTests
{
    [Fact]
    public void Render_Report_NamesTheFailedSlo()
    {
        var summary = SummaryWriter.Render(SampleReports.Failed());

        summary.ShouldContain("**inconclusive**");
        summary.ShouldContain("**Not met:**");
        summary.ShouldContain("- availability: measured 98.2%, target &gt;= 99.5%, margin -1.3 pp");
        summary.ShouldContain("- timeToRecover: no data (target &lt;= 10s); no fault was injected");
        summary.ShouldContain("| latency | &gt;= 99% within 250ms | 99.5% | +0.5 pp | passed |");
    }

    [Fact]
    public void Render_Report_ListsTheFaultTimeline()
    {
        var summary = SummaryWriter.Render(SampleReports.Failed());

        summary.ShouldContain("- 35.0s `fault.injected` kind=container.kill, target=inference-1");
        summary.ShouldContain("- 41.0s `fault.reverted`");
    }

    [Fact]
    public async Task Write_WithGithubStepSummary_AppendsToIt()
    {
        var directory = SampleReports.TempDirectory();
        var stepSummary = Path.Combine(directory, "step-summary.md");
        await File.WriteAllTextAsync(stepSummary, "earlier step\n", TestContext.Current.CancellationToken);

        await SummaryWriter.WriteAsync(SampleReports.Failed(), Path.Combine(directory, SummaryWriter.FileName), stepSummary,
            TestContext.Current.CancellationToken);

        var appended = await File.ReadAllTextAsync(stepSummary, TestContext.Current.CancellationToken);
        appended.ShouldStartWith("earlier step\n## ");
        appended.ShouldContain("availability");
    }
}
