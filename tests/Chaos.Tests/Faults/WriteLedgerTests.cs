using Chaos.Faults.StorageCrash;
using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Tests.Faults;

public sealed class WriteLedgerTests
{
    private static readonly Threshold AtMostZero = new(Comparison.AtMost, 0);

    // As the runner scores it: the ledger as the run's observation.
    private static SloResult Evaluate(WriteLedger ledger) =>
        SloEvaluator.Evaluate(Slo.Loads.Scenario(new SloSpec { DataLoss = AtMostZero }), Slo.Loads.Seconds(5, _ => 0), [1.0],
            new RunObservations { DataIds = (ledger.Acknowledged, ledger.Readable, ledger.PartialReads) }).Single();

    [Fact]
    public void Ledger_NeverReadAfterTheFault_IsNoDataNotEverythingLost()
    {
        var ledger = new WriteLedger();
        ledger.Acknowledge(["b1-0", "b1-1"]);

        var result = Evaluate(ledger);

        ledger.Readable.ShouldBeNull();
        result.Status.ShouldBe(SloStatus.NoData);
        result.Message!.ShouldContain("could not be read after the fault");
    }

    [Fact]
    public void NewLedger_IsUnused_SoThereIsNoDataLossToScore()
    {
        var ledger = new WriteLedger();

        ledger.Used.ShouldBeFalse();
        ledger.Acknowledged.ShouldBeEmpty();
        ledger.PartialReads.ShouldBe(0);
    }

    [Fact]
    public void Ledger_AcknowledgedRowMissingAfter_IsScoredAsLoss()
    {
        var ledger = new WriteLedger();
        ledger.Acknowledge(["b1-0", "b1-1", "b2-0"]);
        ledger.Acknowledge(["b1-0"]);
        ledger.ReadableAfter(["b1-0", "b1-1", "feed-7"]);

        var result = Evaluate(ledger);

        ledger.Used.ShouldBeTrue();
        ledger.Acknowledged.Count.ShouldBe(3);
        result.Status.ShouldBe(SloStatus.Failed);
        result.Measured.ShouldBe(1);
        result.Message!.ShouldContain("b2-0");
    }

    [Fact]
    public void Ledger_PartialReadsWithEveryRowKept_AreStillLoss()
    {
        var ledger = new WriteLedger();
        ledger.Acknowledge(["b1-0"]);
        ledger.PartialRead();
        ledger.PartialRead();
        ledger.ReadableAfter(["b1-0"]);

        var result = Evaluate(ledger);

        result.Status.ShouldBe(SloStatus.Failed);
        result.Measured.ShouldBe(2);
        result.Message!.ShouldContain("2 partial reads");
    }

    [Fact]
    public void Ledger_EverythingKeptNothingPartial_Passes()
    {
        var ledger = new WriteLedger();
        ledger.Acknowledge(["b1-0", "b1-1"]);
        ledger.ReadableAfter(["b1-0", "b1-1"]);

        Evaluate(ledger).Status.ShouldBe(SloStatus.Passed);
    }

}
