using Chaos.Stack.Pipeline;
using Chaos.Stack.Pipeline.Table;
using Chaos.Stack.Pipeline.Validation;
using Chaos.Stack.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Stack.Tests.Pipeline;

public sealed class BatchIngestorTests
{
    [Fact]
    public async Task IngestAsync_MixedBatches_CountsInEqualAcceptedPlusQuarantinedPlusRejectedAndNothingIsLost()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempDirectory();
        var time = new FakeTimeProvider(PipelineRows.Now);
        var table = await VersionedTable.OpenAsync(Path.Combine(folder.Path, "table"), time, ct);
        var quarantine = new QuarantineStore(folder.Path);
        using var ingestor = new BatchIngestor(new BatchValidator(FeatureSchema.Credit, new ValidationOptions(), time), quarantine, table, time);
        var random = new Random(17);
        var sent = 0;
        for (var b = 0; b < 30; b++)
        {
            // Each batch breaks a random share of its rows (0-40 %): some batches pass with quarantine, some are rejected.
            var batch = PipelineRows.Batch($"b{b}", 50, 100 + b);
            var badShare = random.NextDouble() * 0.4;
            var rows = batch.Rows.Select(r => random.NextDouble() < badShare ? PipelineRows.WithValue(r, 2, RawValue.Of(5)) : r).ToList();
            sent += rows.Count;
            await ingestor.IngestAsync(batch with { Rows = rows }, ct);
        }

        var totals = ingestor.Totals;
        totals.RowsIn.ShouldBe(sent);
        (totals.RowsAccepted + totals.RowsQuarantined + totals.RowsRejected).ShouldBe(sent);
        totals.BatchesRejected.ShouldBeGreaterThan(0);
        totals.RowsQuarantined.ShouldBeGreaterThan(0);
        (await table.ReadAsync(null, ct)).Count.ShouldBe((int)totals.RowsAccepted);
        (await quarantine.QuarantinedAsync(ct)).Count.ShouldBe((int)totals.RowsQuarantined);
        (await quarantine.RejectedAsync(ct)).Count.ShouldBe((int)totals.RowsRejected);
    }

    [Fact]
    public async Task IngestAsync_ReplayedBatch_IsQuarantinedAsDuplicates()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempDirectory();
        var time = new FakeTimeProvider(PipelineRows.Now);
        var table = await VersionedTable.OpenAsync(Path.Combine(folder.Path, "table"), time, ct);
        using var ingestor = new BatchIngestor(new BatchValidator(FeatureSchema.Credit, new ValidationOptions(), time), new QuarantineStore(folder.Path), table, time);
        var batch = PipelineRows.Batch("replayed", 40, 3);
        (await ingestor.IngestAsync(batch, ct)).RowsAccepted.ShouldBe(40);
        var again = await ingestor.IngestAsync(batch, ct);
        again.RowsAccepted.ShouldBe(0);
        again.RejectionReason!.ShouldContain("duplicates");
        (await table.ReadAsync(null, ct)).Count.ShouldBe(40);
    }
}
