using Chaos.Engine;
using Chaos.Observe;
using Chaos.Scenarios;
using Chaos.Slo;
using Chaos.Targets;

namespace Chaos.IntegrationTests;

/// <summary>
/// Drift in the live stream, for real (the variant without a drift monitor failing it is in <see cref="PracticeCaughtTests"/>): the pipeline container watches the inputs the load sends, alarms, retrains on the
/// committed labelled rows and decides (promote or keep out); the journal holds drift start, alarm and decision on one clock.
/// </summary>
[Trait("Category", "Containers")]
public sealed class DataDriftTests : IDisposable
{
    private readonly string _reports = Directory.CreateTempSubdirectory("chaos-it-").FullName;

    [Fact]
    public async Task DataDrift_FullStack_AlarmsRetrainsAndDecidesWithTheDelaysInTheJournal()
    {
        var summary = await RunAsync(variant: null);

        summary.Report.Outcome.ShouldBe(RunOutcome.Passed, summary.Report.Reason);
        var events = summary.Report.Events;
        var drift = events.Single(e => e.Type == "fault.injected" && (string?)e.Data["kind"] == "data.drift");
        var signals = events.Where(e => e.Type == StackObserver.SignalEvent && (string?)e.Data["source"] == "pipeline").ToList();
        var alarm = signals.First(e => (string?)e.Data["kind"] == StackSignalKinds.DriftAlarm && e.Seconds >= drift.Seconds);
        var decision = signals.First(e => (string?)e.Data["kind"] == StackSignalKinds.Retrained && e.Seconds >= alarm.Seconds);
        (Convert.ToDouble(decision.Data["promoted"]) + Convert.ToDouble(decision.Data["rejected"])).ShouldBe(1);
        // Before the drift the monitor saw the population the champion learned: a false alarm there is allowed (5% per
        // check) but no retraining may start before the drift, since the registry's champion is the model.
        signals.ShouldNotContain(e => (string?)e.Data["kind"] == StackSignalKinds.Retrained && e.Seconds < drift.Seconds);
        var delay = summary.Report.Slos.Single(s => s.Name == SloDefinitions.DriftDetectionDelay);
        delay.Measured.ShouldNotBeNull().ShouldBe(alarm.Seconds - drift.Seconds, 0.01);
        summary.Report.Slos.Single(s => s.Name == SloDefinitions.TimeToRetrain).Measured.ShouldNotBeNull().ShouldBe(decision.Seconds - drift.Seconds, 0.01);
        // A promotion reaches live traffic: the replicas follow the registry's champion alias (checked every 2 s), so a candidate
        // promoted well before the end of the load answers requests as a new version.
        var loadEnd = events.Single(e => e.Type == "load.finished").Seconds;
        if (signals.Any(e => (string?)e.Data["kind"] == StackSignalKinds.Retrained && Convert.ToDouble(e.Data["promoted"]) > 0 && e.Seconds < loadEnd - 8))
        {
            events.Where(e => e.Type == "model.served").Select(e => (string)e.Data["version"]!).Distinct().Count().ShouldBeGreaterThan(1);
        }
        // One labelled batch a second through warm-up and the measured window.
        events.Count(e => e.Type == "pipeline.batch").ShouldBeGreaterThanOrEqualTo((int)summary.Report.Load.MeasuredSeconds);
        await ReplicaKillTests.ShouldLeaveNothingBehindAsync(summary.Report.RunId);
    }

    private Task<RunSummary> RunAsync(string? variant) => CatalogueRuns.RunAsync("data-drift", variant, _reports);

    public void Dispose() => Directory.Delete(_reports, recursive: true);
}
