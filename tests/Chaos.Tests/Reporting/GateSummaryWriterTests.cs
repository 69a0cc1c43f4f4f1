using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.Tests.Reporting;

public sealed class GateSummaryWriterTests
{
    private static RunReport Passed(string scenario) => SampleReports.Failed(scenario) with
    {
        Outcome = RunOutcome.Passed,
        Reason = "every SLO met",
        Slos = [SampleReports.Failed().Slos[1]],
    };

    private static RunReport[] Gate() => [Passed("replica-kill"), SampleReports.Failed("replica-kill"), Passed("net-partition")];

    [Fact]
    public void Render_Gate_TablesScenariosByRepeatWithWilsonInterval()
    {
        var summary = GateSummaryWriter.Render(Gate());

        summary.ShouldContain("## ❌ Gate: **2 of 3 runs passed**");
        summary.ShouldContain("| scenario | variant | run 1 | run 2 | passed | pass rate | 95% Wilson interval |");
        summary.ShouldContain("| replica-kill | full | ✅ passed | ⚠️ inconclusive | 1/2 | 50% | 9.5% – 90.5% |");
        summary.ShouldContain("| net-partition | full | ✅ passed | | 1/1 | 100% | 20.7% – 100% |");
    }

    [Fact]
    public void Render_Gate_ShowsTheScoreWithItsWeights()
    {
        var summary = GateSummaryWriter.Render(Gate());

        // latency passed three times (2 each), availability failed (3), timeToRecover no data (2): 6 of 11.
        summary.ShouldContain("**Resilience score: 54.5 / 100**");
        summary.ShouldContain("availability 3, latency 2, timeToRecover 2, every other SLO 1");
    }

    [Fact]
    public void Render_Gate_ListsFailedSlosWithMeasuredTargetAndMargin()
    {
        var summary = GateSummaryWriter.Render(Gate());

        summary.ShouldContain("| replica-kill#2 | availability | 98.2% | &gt;= 99.5% | -1.3 pp | failed | - |");
        summary.ShouldContain("| replica-kill#2 | timeToRecover | no data | &lt;= 10s | - | no data | no fault was injected |");
    }

    [Fact]
    public void Render_Gate_SpreadsMarginsAcrossRepeats() =>
        GateSummaryWriter.Render(Gate()).ShouldContain("| replica-kill | full | latency | 2/2 | +0.5 pp | +0.5 pp | +0.5 pp |");

    [Fact]
    public void Render_AllPassed_SaysSoAndListsNothingNotMet()
    {
        var summary = GateSummaryWriter.Render([Passed("a"), Passed("a")]);

        summary.ShouldContain("## ✅ Gate: **2 of 2 runs passed**");
        summary.ShouldContain("**SLOs not met:**\n\n- none");
    }

    [Fact]
    public void Render_NoRuns_HasNoScore()
    {
        var summary = GateSummaryWriter.Render([]);

        summary.ShouldContain("0 of 0 runs passed");
        summary.ShouldContain("**Resilience score: no score**");
    }

    [Fact]
    public async Task WriteGateAsync_Gate_WritesJUnitAndSummaryAndAppendsToTheStepSummary()
    {
        var directory = SampleReports.TempDirectory();
        var stepSummary = Path.Combine(directory, "step.md");

        await ReportSet.WriteGateAsync(Gate(), directory, stepSummary, TestContext.Current.CancellationToken);

        File.Exists(Path.Combine(directory, JUnitWriter.FileName)).ShouldBeTrue();
        var markdown = await File.ReadAllTextAsync(Path.Combine(directory, GateSummaryWriter.FileName), TestContext.Current.CancellationToken);
        markdown.ShouldContain("Resilience score");
        (await File.ReadAllTextAsync(stepSummary, TestContext.Current.CancellationToken)).ShouldStartWith(markdown);
    }
}
