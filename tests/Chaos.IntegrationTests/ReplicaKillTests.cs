using Chaos.Engine;
using Chaos.Scenarios;
using Chaos.Slo;
using Chaos.Targets;

namespace Chaos.IntegrationTests;

/// <summary>The walking skeleton's gate, for real: containers, ONNX models, open-model load and a SIGKILL.</summary>
[Trait("Category", "Containers")]
public sealed class ReplicaKillTests : IDisposable
{
    private readonly string _reports = Directory.CreateTempSubdirectory("chaos-it-").FullName;

    /// <summary>
    /// The full stack's replica-kill run, as the catalogue gate ran it (<see cref="GateCommandTests"/>; one run serves both):
    /// passed, every report written, the fault verified, no guardrail, every SLO of the scenario scored, nothing left behind.
    /// </summary>
    internal static async Task ShouldHavePassedWithReportsAsync(RunSummary summary)
    {
        summary.Report.Outcome.ShouldBe(RunOutcome.Passed, summary.Report.Reason);
        foreach (var file in new[] { "journal.jsonl", "result.json", "junit.xml", "summary.md", "report.html" })
        {
            File.Exists(Path.Combine(summary.Directory, file)).ShouldBeTrue(file);
        }
        summary.Report.Events.ShouldContain(e => e.Type == "fault.verified");
        summary.Report.Events.ShouldNotContain(e => e.Type == "guardrail.tripped");
        summary.Report.Events.Where(e => e.Type == Reporting.RunEvent.Types.SteadyStateChecked && JournalData.Text(e, "probe") == "consistency" && JournalData.Text(e, "held") == "true").Count().ShouldBe(2, "consistency before and after");
        summary.Report.Slos.Select(s => s.Name).ShouldBe(
            [SloDefinitions.Availability, SloDefinitions.Latency, SloDefinitions.TimeToRecover, SloDefinitions.ErrorBudgetBurn,
             SloDefinitions.TimeToDetect, SloDefinitions.TimeToHeal, SloDefinitions.PredictionQuality], ignoreOrder: true);
        await ShouldLeaveNothingBehindAsync(summary.Report.RunId);
    }

    [Fact]
    public async Task ReplicaKill_SingleReplicaNoRetry_FailsOnAvailability()
    {
        var summary = await RunAsync(StackVariant.SingleReplicaNoRetry.Name);

        summary.Report.Outcome.ShouldBe(RunOutcome.Failed, summary.Report.Reason);
        summary.ExitCode.ShouldBe(ExitCodes.Failed);
        summary.Report.Slos.Single(s => s.Name == SloDefinitions.Availability).Status.ShouldBe(SloStatus.Failed);
        // The guardrail (errors above 50% for 5 s) aborts the run early, and the fault is rolled back before teardown.
        summary.Report.Reason.ShouldContain("guardrail tripped");
        var events = summary.Report.Events.Select(e => e.Type).ToList();
        events.IndexOf("guardrail.tripped").ShouldBeGreaterThan(events.IndexOf("fault.verified"));
        events.IndexOf("fault.reverted").ShouldBeGreaterThan(events.IndexOf("guardrail.tripped"));
        events.IndexOf("stack.down").ShouldBeGreaterThan(events.IndexOf("fault.reverted"));
        summary.Report.Load.MeasuredSeconds.ShouldBeLessThan(30);
        (await File.ReadAllTextAsync(Path.Combine(summary.Directory, "summary.md"), TestContext.Current.CancellationToken)).ShouldContain(SloDefinitions.Availability);
        await ShouldLeaveNothingBehindAsync(summary.Report.RunId);
    }

    private Task<RunSummary> RunAsync(string? variant) => CatalogueRuns.RunAsync("replica-kill", variant, _reports);

    internal static async Task ShouldLeaveNothingBehindAsync(string runId)
    {
        using var engine = new DockerEngine();
        (await engine.ListContainersAsync(runId, CancellationToken.None)).ShouldBeEmpty();
        (await engine.ListNetworksAsync(runId, CancellationToken.None)).ShouldBeEmpty();
    }

    public void Dispose() => Directory.Delete(_reports, recursive: true);
}
