using System.Globalization;
using Chaos.Engine;
using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.IntegrationTests;

/// <summary>
/// The gate fails when a practice is missing: each scenario aimed at one practice, run against the variant without it, fails
/// on the SLO that practice protects, while availability still holds (nothing crashes; the damage is silent). The full stack
/// passing the same scenarios is part of the catalogue gate (<see cref="GateCommandTests"/>, the smoke gate in CI). One scenario per variant keeps CI
/// under 30 minutes: a variant caught by a second scenario too (no-validation by data-corrupt) is shown by the matrix runs
/// the README records.
/// </summary>
[Trait("Category", "Containers")]
public sealed class PracticeCaughtTests : IDisposable
{
    private readonly string _reports = Directory.CreateTempSubdirectory("chaos-it-").FullName;

    [Theory]
    [InlineData("data-drift", "no-drift-monitor", SloDefinitions.DriftDetectionDelay)]
    [InlineData("model-corrupt", "no-integrity-check", SloDefinitions.PredictionQuality)]
    [InlineData("request-corrupt", "no-validation", SloDefinitions.InputValidation)]
    [InlineData("storage-crash", "no-transactional-store", SloDefinitions.DataLoss)]
    [InlineData("training-kill", "no-checkpoints", SloDefinitions.TrainingRework)]
    [InlineData("model-bad-version", "no-retraining", SloDefinitions.PredictionQuality)]
    [InlineData("region-loss", "no-geo-replication", SloDefinitions.RecoveryPoint)]
    [InlineData("network-timeout", "no-circuit-breaker", SloDefinitions.TimeToDetect)]
    public async Task Scenario_OnTheVariantWithoutItsPractice_FailsOnThatPracticesSlo(string scenario, string variant, string slo)
    {
        var summary = await CatalogueRuns.RunAsync(scenario, variant, _reports);

        summary.Report.Outcome.ShouldBe(RunOutcome.Failed, summary.Report.Reason);
        summary.Report.Events.ShouldContain(e => e.Type == RunEvent.Types.FaultVerified);
        // The fault's effect is the failed SLO; its revert is confirmed for every injection (else the outcome is cleanup-failed).
        var reverts = summary.Report.Events.Where(e => e.Type == RunEvent.Types.FaultReverted).ToList();
        reverts.Count.ShouldBe(summary.Report.Events.Count(e => e.Type == RunEvent.Types.FaultInjected));
        reverts.ShouldAllBe(e => string.Equals(Convert.ToString(e.Data["confirmed"], CultureInfo.InvariantCulture), "true", StringComparison.OrdinalIgnoreCase));
        summary.Report.Slos.Single(s => s.Name == slo).Status.ShouldBe(SloStatus.Failed);
        summary.Report.Slos.Single(s => s.Name == SloDefinitions.Availability).Status.ShouldBe(SloStatus.Passed, "the damage is silent: every request is answered");
        await ReplicaKillTests.ShouldLeaveNothingBehindAsync(summary.Report.RunId);
    }

    /// <summary>
    /// A cold standby is not silent: region b has nothing running when region a goes, so answers stop until the failover
    /// has started a replica there. The RTO names the practice; availability shows what users saw.
    /// </summary>
    [Fact]
    public async Task RegionLoss_ColdStandby_FailsTheRtoAndAvailability()
    {
        var summary = await CatalogueRuns.RunAsync("region-loss", "no-warm-standby", _reports);

        summary.Report.Outcome.ShouldBe(RunOutcome.Failed, summary.Report.Reason);
        summary.Report.Slos.Single(s => s.Name == SloDefinitions.RecoveryTime).Status.ShouldBe(SloStatus.Failed);
        summary.Report.Slos.Single(s => s.Name == SloDefinitions.Availability).Status.ShouldBe(SloStatus.Failed);
        summary.Report.Slos.Single(s => s.Name == SloDefinitions.RecoveryPoint).Status.ShouldBe(SloStatus.Passed, "the registry still replicates");
        await ReplicaKillTests.ShouldLeaveNothingBehindAsync(summary.Report.RunId);
    }

    public void Dispose() => Directory.Delete(_reports, recursive: true);
}
