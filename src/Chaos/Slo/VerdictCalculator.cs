namespace Chaos.Slo;

/// <summary>
/// Decides a run's outcome with a fixed precedence: cleanup failed, then fault not injected, then inconclusive
/// (invalid run or any SLO without data), then failed (any SLO missed), else passed.
/// </summary>
public static class VerdictCalculator
{
    public static Verdict Decide(IReadOnlyList<SloResult> slos, bool allFaultsVerified, bool cleanupSucceeded, bool runValid)
    {
        if (!cleanupSucceeded)
        {
            return new(RunOutcome.CleanupFailed, "cleanup failed: resources of the run may be left behind; no verdict on the stack");
        }
        if (!allFaultsVerified)
        {
            return new(RunOutcome.FaultNotInjected, "a fault could not be verified as injected; the run says nothing about resilience to it");
        }
        if (!runValid)
        {
            return new(RunOutcome.Inconclusive, "the load generator did not keep its schedule; the run is not a verdict on the stack");
        }
        if (slos.Count == 0)
        {
            return new(RunOutcome.Inconclusive, "no SLO was evaluated");
        }
        var noData = slos.Where(s => s.Status == SloStatus.NoData).Select(s => s.Name).ToList();
        if (noData.Count > 0)
        {
            return new(RunOutcome.Inconclusive, $"no data for: {string.Join(", ", noData)}");
        }
        var failed = slos.Where(s => s.Status == SloStatus.Failed).Select(s => s.Name).ToList();
        return failed.Count > 0
            ? new(RunOutcome.Failed, $"SLO missed: {string.Join(", ", failed)}")
            : new(RunOutcome.Passed, "every SLO met");
    }
}
