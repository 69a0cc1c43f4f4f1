using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class DataValidationEvaluationTests
{
    private static readonly Threshold AtLeast99 = new(Comparison.AtLeast, 0.99);

    [Fact]
    public void Evaluate_EveryBadRowKeptOut_Passes()
    {
        var result = DataValidationEvaluation.Evaluate(AtLeast99, delivered: 500, admitted: 0);

        result.Name.ShouldBe(SloDefinitions.DataValidation);
        result.Status.ShouldBe(SloStatus.Passed);
        result.Measured.ShouldBe(1);
        result.Message.ShouldBe("0 of 500 bad rows are in the table");
    }

    [Fact]
    public void Evaluate_BadRowsCommitted_Fails() =>
        DataValidationEvaluation.Evaluate(AtLeast99, delivered: 500, admitted: 500).ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(SloStatus.Failed),
            r => r.Measured.ShouldBe(0));

    [Fact]
    public void Evaluate_TableNotRead_IsNoDataNotAPass() =>
        DataValidationEvaluation.Evaluate(AtLeast99, delivered: 500, admitted: null).Status.ShouldBe(SloStatus.NoData);

    [Fact]
    public void Evaluate_TooFewBadRowsForTheTarget_IsNoData() =>
        DataValidationEvaluation.Evaluate(AtLeast99, delivered: 20, admitted: 0).Status.ShouldBe(SloStatus.NoData);
}
