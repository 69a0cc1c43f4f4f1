using Chaos.Engine;
using Chaos.Observe;
using Chaos.Scenarios;
using Chaos.Slo;
using Chaos.Targets;

using static Chaos.IntegrationTests.JournalData;

namespace Chaos.IntegrationTests;

/// <summary>
/// Drift in the live stream, for real (the variant without a drift monitor failing it is in <see cref="PracticeCaughtTests"/>): the pipeline container watches the inputs the load sends, alarms, retrains on the
/// committed labelled rows and decides (promote or keep out); the journal holds drift start, alarm and decision on one clock.
/// Checked on the catalogue gate's own run of data-drift.
/// </summary>
internal static class DataDriftChecks
{

    /// <summary>
    /// The full stack's data-drift run, as the catalogue gate ran it (<see cref="GateCommandTests"/>; one run serves both, a
    /// second run of the same scenario here cost CI a minute): passed, with drift start, alarm and decision on one clock.
    /// The events come back from result.json, so their values are read as text.
    /// </summary>
    internal static async Task ShouldHaveAlarmedRetrainedAndDecidedAsync(RunSummary summary)
    {
        summary.Report.Outcome.ShouldBe(RunOutcome.Passed, summary.Report.Reason);
        var events = summary.Report.Events;
        var drift = events.Single(e => e.Type == "fault.injected" && Text(e, "kind") == "data.drift");
        var signals = events.Where(e => e.Type == StackObserver.SignalEvent && Text(e, "source") == "pipeline").ToList();
        var alarm = signals.First(e => Text(e, "kind") == StackSignalKinds.DriftAlarm && e.Seconds >= drift.Seconds);
        var decision = signals.First(e => Text(e, "kind") == StackSignalKinds.Retrained && e.Seconds >= alarm.Seconds);
        (Number(decision, "promoted") + Number(decision, "rejected")).ShouldBe(1);
        // Before the drift the monitor saw the population the champion learned: a false alarm there is allowed (5% per
        // check) but no retraining may start before the drift, since the registry's champion is the model.
        signals.ShouldNotContain(e => Text(e, "kind") == StackSignalKinds.Retrained && e.Seconds < drift.Seconds);
        var delay = summary.Report.Slos.Single(s => s.Name == SloDefinitions.DriftDetectionDelay);
        delay.Measured.ShouldNotBeNull().ShouldBe(alarm.Seconds - drift.Seconds, 0.01);
        summary.Report.Slos.Single(s => s.Name == SloDefinitions.TimeToRetrain).Measured.ShouldNotBeNull().ShouldBe(decision.Seconds - drift.Seconds, 0.01);
        // A promotion reaches live traffic: the replicas follow the registry's champion alias (checked every 2 s), so a candidate
        // promoted well before the end of the load answers requests as a new version.
        var loadEnd = events.Single(e => e.Type == "load.finished").Seconds;
        if (signals.Any(e => Text(e, "kind") == StackSignalKinds.Retrained && Number(e, "promoted") > 0 && e.Seconds < loadEnd - 8))
        {
            events.Where(e => e.Type == "model.served").Select(e => Text(e, "version")).Distinct().Count().ShouldBeGreaterThan(1);
        }
        // One labelled batch a second through warm-up and the measured window.
        events.Count(e => e.Type == "pipeline.batch").ShouldBeGreaterThanOrEqualTo((int)summary.Report.Load.MeasuredSeconds);
        await ReplicaKillTests.ShouldLeaveNothingBehindAsync(summary.Report.RunId);
    }

}
