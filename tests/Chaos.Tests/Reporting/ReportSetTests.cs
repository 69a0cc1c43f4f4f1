using Chaos.Reporting;

namespace Chaos.Tests.Reporting;

public sealed class ReportSetTests
{
    [Fact]
    public async Task WriteAll_Report_WritesEveryFile()
    {
        var directory = Path.Combine(SampleReports.TempDirectory(), "run");

        await ReportSet.WriteAllAsync(SampleReports.Failed(), directory, null, TestContext.Current.CancellationToken);

        Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(["junit.xml", "report.html", "result.json", "summary.md"]);
    }
}
