using Chaos.Engine;
using Chaos.Observe;
using Chaos.Slo;
using static Chaos.IntegrationTests.JournalData;

namespace Chaos.IntegrationTests;

/// <summary>
/// A region lost for real, checked on the smoke gate's own run of region-loss (<see cref="GateCommandTests"/>): region a's
/// containers killed and the inter-region link cut (effect), the front door failing over to region b, b's controller scaling
/// up, the release replicated before the loss, and region a started again and answering (revert).
/// </summary>
internal static class RegionLossChecks
{
    internal static async Task ShouldHaveFailedOverAndComeBackAsync(RunSummary summary)
    {
        summary.Report.Outcome.ShouldBe(RunOutcome.Passed, summary.Report.Reason);
        var events = summary.Report.Events;
        var verified = events.Single(e => e.Type == "fault.verified" && Text(e, "kind") == "region.loss");
        Text(verified, "observation").ShouldContain("6 containers killed");
        Text(verified, "observation").ShouldContain("registry-b");
        var injected = events.Single(e => e.Type == "fault.injected" && Text(e, "kind") == "region.loss");
        var signals = events.Where(e => e.Type == StackObserver.SignalEvent).ToList();
        signals.ShouldContain(e => Text(e, "source") == "frontdoor" && Text(e, "kind") == StackSignalKinds.Failover && e.Seconds >= injected.Seconds - 1);
        signals.ShouldContain(e => Text(e, "kind") == "standby-activated");
        signals.ShouldContain(e => Text(e, "kind") == "scaled-out" && Text(e, "replica") == "inference-b-2");
        events.ShouldContain(e => e.Type == "fault.reverted" && Text(e, "kind") == "region.loss" && Text(e, "confirmed") == "true");
        var rpo = summary.Report.Slos.Single(s => s.Name == SloDefinitions.RecoveryPoint);
        rpo.Measured.ShouldBe(0);
        rpo.Samples.ShouldBe(4, "credit v1-v3 (two published right before the loss) and credit-simple v1, all in region b");
        summary.Report.Slos.Single(s => s.Name == SloDefinitions.RecoveryTime).Measured!.Value.ShouldBeLessThan(3);
        // After the revert both regions answer alike: the consistency probe reached region a's replicas and region b's two.
        var after = events.Last(e => e.Type == Reporting.RunEvent.Types.SteadyStateChecked && Text(e, "probe") == "consistency");
        Text(after, "held").ShouldBe("true");
        Text(after, "message").ShouldContain("inference-1, inference-2, inference-b-1, inference-b-2");
        await ReplicaKillTests.ShouldLeaveNothingBehindAsync(summary.Report.RunId);
    }
}
