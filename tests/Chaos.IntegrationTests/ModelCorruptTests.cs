using Chaos.Engine;
using Chaos.Scenarios;
using Chaos.Slo;
using Chaos.Targets;

namespace Chaos.IntegrationTests;

/// <summary>
/// A tampered champion rolled out to a stack that loads without checking digests: it serves answers turned over, and the
/// prediction-quality SLO is what catches it (the full stack passing the same scenario is part of the catalogue gate).
/// </summary>
[Trait("Category", "Containers")]
public sealed class ModelCorruptTests : IDisposable
{
    private readonly string _reports = Directory.CreateTempSubdirectory("chaos-it-").FullName;

    [Fact]
    public async Task ModelCorrupt_NoIntegrityCheck_ServesTheTamperedModelAndFailsOnQuality()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var image = await ContainerPreconditions.RequireAsync(cancellationToken);
        var loaded = ScenarioLoader.Load(Repository.Scenario("model-corrupt"));
        loaded.IsValid.ShouldBeTrue(ScenarioErrorFormatter.Format(loaded.Errors));

        var summary = await new ScenarioRunner(TimeProvider.System).RunAsync(loaded.Scenario!, new RunOptions
        {
            ReportsRoot = _reports,
            Variant = StackVariant.NoIntegrityCheck.Name,
            Image = image,
            Progress = new TestOutputProgress(),
        }, cancellationToken);

        summary.Report.Outcome.ShouldBe(RunOutcome.Failed, summary.Report.Reason);
        var verified = summary.Report.Events.Single(e => e.Type == "fault.verified");
        ((string)verified.Data["observation"]!).ShouldContain("2 loaded it, 0 refused it");
        summary.Report.Slos.Single(s => s.Name == SloDefinitions.PredictionQuality).Status.ShouldBe(SloStatus.Failed);
        summary.Report.Slos.Single(s => s.Name == SloDefinitions.Availability).Status.ShouldBe(SloStatus.Passed, "a tampered model answers 200");
        await ReplicaKillTests.ShouldLeaveNothingBehindAsync(summary.Report.RunId);
    }

    public void Dispose() => Directory.Delete(_reports, recursive: true);
}
