using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class DataLossEvaluationTests
{
    private static readonly Threshold Nothing = new(Comparison.AtMost, 0);

    [Fact]
    public void Evaluate_EverythingReadable_Passes()
    {
        var result = DataLossEvaluation.Evaluate(Nothing, ["r1", "r2"], ["r1", "r2", "r3"], partialReads: 0);

        result.Name.ShouldBe(SloDefinitions.DataLoss);
        result.Status.ShouldBe(SloStatus.Passed);
        result.Measured.ShouldBe(0);
        result.Samples.ShouldBe(2);
        result.Message.ShouldBe("no acknowledged row lost; 0 partial reads observed");
    }

    [Fact]
    public void Evaluate_LostRowsAndPartialReads_CountTogether()
    {
        var result = DataLossEvaluation.Evaluate(Nothing, ["r1", "r2", "r3"], ["r1"], partialReads: 1);

        result.Status.ShouldBe(SloStatus.Failed);
        result.Measured.ShouldBe(3);
        result.Message.ShouldBe("2 acknowledged rows lost (r2, r3); 1 partial reads observed");
    }

    [Fact]
    public void Evaluate_OnlyPartialReads_Fails() =>
        DataLossEvaluation.Evaluate(Nothing, ["r1"], ["r1"], partialReads: 2).Status.ShouldBe(SloStatus.Failed);

    [Fact]
    public void Evaluate_AllLost_CountsEveryAcknowledgedRow() =>
        DataLossEvaluation.Evaluate(Nothing, Enumerable.Range(0, 10).Select(i => $"r{i}").ToList(), [], 0).Measured.ShouldBe(10);

    [Fact]
    public void Evaluate_NothingAcknowledged_IsNoData() =>
        DataLossEvaluation.Evaluate(Nothing, [], [], partialReads: 0).Status.ShouldBe(SloStatus.NoData);

    [Fact]
    public void Evaluate_NegativePartialReads_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => DataLossEvaluation.Evaluate(Nothing, ["r1"], ["r1"], -1));
}
