using Chaos.Faults.StorageCrash;
using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Tests.Faults;

public sealed class WriteLedgerTests
{
    private static readonly Threshold AtMostZero = new(Comparison.AtMost, 0);

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

        var result = DataLossEvaluation.Evaluate(AtMostZero, ledger.Acknowledged, ledger.Readable, ledger.PartialReads);

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

        var result = DataLossEvaluation.Evaluate(AtMostZero, ledger.Acknowledged, ledger.Readable, ledger.PartialReads);

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

        DataLossEvaluation.Evaluate(AtMostZero, ledger.Acknowledged, ledger.Readable, ledger.PartialReads).Status.ShouldBe(SloStatus.Passed);
    }

}
