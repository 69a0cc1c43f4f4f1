using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class VerdictCalculatorTests
{
    private static SloResult Slo(string name, SloStatus status) => new(name, ">= 99%", null, null, status, "fraction", "", 1);

    private static readonly SloResult[] AllPassed = [Slo("availability", SloStatus.Passed), Slo("latency", SloStatus.Passed)];
    private static readonly SloResult[] OneFailed = [Slo("availability", SloStatus.Failed), Slo("latency", SloStatus.Passed)];
    private static readonly SloResult[] FailedAndNoData = [Slo("availability", SloStatus.Failed), Slo("latency", SloStatus.NoData)];

    [Fact]
    public void Decide_EverythingHolds_Passes() =>
        VerdictCalculator.Decide(AllPassed, true, true, true).Outcome.ShouldBe(RunOutcome.Passed);

    [Fact]
    public void Decide_AnSloFailed_Fails()
    {
        var verdict = VerdictCalculator.Decide(OneFailed, true, true, true);

        verdict.Outcome.ShouldBe(RunOutcome.Failed);
        verdict.Reason.ShouldContain("availability");
    }

    [Fact]
    public void Decide_NoDataBeatsFailed_Inconclusive() =>
        VerdictCalculator.Decide(FailedAndNoData, true, true, true).Outcome.ShouldBe(RunOutcome.Inconclusive);

    [Fact]
    public void Decide_InvalidRun_InconclusiveEvenIfSlosPass() =>
        VerdictCalculator.Decide(AllPassed, true, true, runValid: false).Outcome.ShouldBe(RunOutcome.Inconclusive);

    [Fact]
    public void Decide_NoSlos_Inconclusive() =>
        VerdictCalculator.Decide([], true, true, true).Outcome.ShouldBe(RunOutcome.Inconclusive);

    [Fact]
    public void Decide_FaultNotVerified_BeatsInvalidAndFailed() =>
        VerdictCalculator.Decide(FailedAndNoData, allFaultsVerified: false, true, runValid: false).Outcome.ShouldBe(RunOutcome.FaultNotInjected);

    [Fact]
    public void Decide_CleanupFailed_BeatsEverything() =>
        VerdictCalculator.Decide(FailedAndNoData, false, cleanupSucceeded: false, false).Outcome.ShouldBe(RunOutcome.CleanupFailed);

    [Theory]
    [InlineData(RunOutcome.Passed, 0)]
    [InlineData(RunOutcome.Failed, 1)]
    [InlineData(RunOutcome.Inconclusive, 3)]
    [InlineData(RunOutcome.FaultNotInjected, 3)]
    [InlineData(RunOutcome.CleanupFailed, 3)]
    public void For_Outcome_MapsToExitCode(RunOutcome outcome, int exitCode) => ExitCodes.For(outcome).ShouldBe(exitCode);
}
