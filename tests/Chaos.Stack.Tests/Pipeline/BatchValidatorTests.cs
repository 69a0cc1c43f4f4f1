using Chaos.Stack.Pipeline.Validation;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Stack.Tests.Pipeline;

public sealed class BatchValidatorTests
{
    private readonly BatchValidator validator = new(FeatureSchema.Credit, new ValidationOptions(), new FakeTimeProvider(PipelineRows.Now));

    private ValidationOutcome Validate(IngestBatch batch) => validator.Validate(batch, _ => false);

    [Fact]
    public void Validate_CleanBatch_AcceptsEveryRow()
    {
        var outcome = Validate(PipelineRows.Batch("clean", 200, 1));
        outcome.Rejected.ShouldBeFalse();
        outcome.Accepted.Count.ShouldBe(200);
        outcome.Quarantined.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1, "debt_ratio: 9 is outside [0, 5]")]
    [InlineData(4, "late_payments: 2.5 is not a whole number")]
    [InlineData(7, "group: 3 is not one of the categories 0, 1")]
    public void Validate_BadValue_QuarantinesTheRowWithItsReason(int column, string reason)
    {
        var batch = PipelineRows.Batch("bad", 50, 2);
        var value = column switch { 1 => 9.0, 4 => 2.5, _ => 3.0 };
        var rows = batch.Rows.ToList();
        rows[10] = PipelineRows.WithValue(rows[10], column, RawValue.Of(value));
        var outcome = Validate(batch with { Rows = rows });
        outcome.Accepted.Count.ShouldBe(49);
        outcome.Quarantined.Single().Position.ShouldBe(10);
        outcome.Quarantined.Single().Reasons.ShouldBe([reason]);
    }

    [Fact]
    public void Validate_WrongTypeNullMissingAndNaN_AreEachQuarantined()
    {
        var rows = PipelineRows.Batch("types", 100, 3).Rows.ToList();
        rows[0] = PipelineRows.WithValue(rows[0], 0, RawValue.OfText("lots"));
        rows[1] = PipelineRows.WithValue(rows[1], 2, RawValue.Null);
        rows[2] = PipelineRows.WithValue(rows[2], 3, RawValue.Absent);
        rows[3] = PipelineRows.WithValue(rows[3], 5, RawValue.Of(double.NaN));
        rows[4] = rows[4] with { Values = rows[4].Values.Take(7).ToList() };
        var outcome = Validate(new IngestBatch("types", rows));
        outcome.Quarantined.Select(q => q.Reasons.Single()).ShouldBe(
        [
            "income: expected a number, got the string 'lots'",
            "age: null in a non-nullable column",
            "credit_history_years: missing",
            "loan_amount: NaN is not a finite number",
            "features: 7 values, expected 8 (income, debt_ratio, age, credit_history_years, late_payments, loan_amount, employment_years, group)",
        ]);
        outcome.Accepted.Count.ShouldBe(95);
    }

    [Fact]
    public void Validate_DuplicateAndStaleAndFutureRows_AreQuarantined()
    {
        var rows = PipelineRows.Batch("dq", 100, 4).Rows.ToList();
        rows[1] = rows[1] with { Id = rows[0].Id };
        rows[2] = rows[2] with { EventTime = PipelineRows.Now.AddDays(-8) };
        rows[3] = rows[3] with { EventTime = PipelineRows.Now.AddHours(1) };
        var outcome = validator.Validate(new IngestBatch("dq", rows), id => id == rows[50].Id);
        outcome.Quarantined.Select(q => q.Position).ShouldBe([1, 2, 3, 50]);
        outcome.Accepted.Count.ShouldBe(96);
    }

    [Fact]
    public void Validate_TooManyBadRows_RejectsTheWholeBatch()
    {
        var rows = PipelineRows.Batch("bad-share", 100, 5).Rows.Select((r, i) => i < 30 ? PipelineRows.WithValue(r, 1, RawValue.Of(-1)) : r).ToList();
        var outcome = Validate(new IngestBatch("bad-share", rows));
        outcome.Rejected.ShouldBeTrue();
        outcome.RejectionReason!.ShouldContain("30.0% of rows failed row checks (limit 20.0%)");
        outcome.Accepted.ShouldBeEmpty();
        outcome.RowsRejected.ShouldBe(100);
    }

    [Fact]
    public void Validate_ColumnNullShareOverLimit_RejectsTheBatch()
    {
        var rows = PipelineRows.Batch("nulls", 100, 6).Rows.Select((r, i) => i < 15 ? PipelineRows.WithValue(r, 6, RawValue.Null) : r).ToList();
        Validate(new IngestBatch("nulls", rows)).RejectionReason!.ShouldContain("column employment_years is 15.0% null (limit 10.0%)");
    }

    [Fact]
    public void Validate_StaleFeed_RejectsTheBatch()
    {
        var rows = PipelineRows.Batch("stale", 20, 7).Rows.Select(r => r with { EventTime = PipelineRows.Now.AddDays(-2) }).ToList();
        Validate(new IngestBatch("stale", rows)).RejectionReason!.ShouldContain("stale feed");
    }

    [Fact]
    public void AcceptAll_ValidationOff_LetsGarbageThroughAsNaN()
    {
        var rows = PipelineRows.Batch("off", 10, 8).Rows.ToList();
        rows[0] = PipelineRows.WithValue(rows[0], 0, RawValue.OfText("lots"));
        var outcome = BatchValidator.AcceptAll(new IngestBatch("off", rows), new FakeTimeProvider(PipelineRows.Now));
        outcome.Accepted.Count.ShouldBe(10);
        float.IsNaN(outcome.Accepted[0].Features[0]).ShouldBeTrue();
    }
}
