using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class RecoveryPointEvaluationTests
{
    private static readonly Threshold Nothing = new(Comparison.AtMost, 0);

    [Fact]
    public void Evaluate_StandbyMissesVersions_CountsAndNamesThem()
    {
        var result = RecoveryPointEvaluation.Evaluate(Nothing, ["v1", "v2", "v3", "v3", "v4"], ["v1", "v2", "v9"]);

        result.Name.ShouldBe(SloDefinitions.RecoveryPoint);
        result.Status.ShouldBe(SloStatus.Failed);
        result.Measured.ShouldBe(2);
        result.Margin.ShouldBe(-2);
        result.Samples.ShouldBe(4);
        result.Target.ShouldBe("<= 0");
        result.Message.ShouldBe("missing in the standby: v3, v4");
    }

    [Fact]
    public void Evaluate_StandbyComplete_Passes()
    {
        var result = RecoveryPointEvaluation.Evaluate(Nothing, ["v1", "v2"], ["v2", "v1"]);

        result.Status.ShouldBe(SloStatus.Passed);
        result.Measured.ShouldBe(0);
    }

    [Fact]
    public void Evaluate_EmptyStandby_LosesEverything() =>
        RecoveryPointEvaluation.Evaluate(Nothing, ["v1", "v2"], []).Measured.ShouldBe(2);

    [Fact]
    public void Evaluate_EmptyPrimary_IsNoData() =>
        RecoveryPointEvaluation.Evaluate(Nothing, [], ["v1"]).Status.ShouldBe(SloStatus.NoData);

    [Fact]
    public void Missing_ManyIds_AreOrderedOrdinally() =>
        RecoveryPointEvaluation.Missing(["b", "a", "C"], []).ShouldBe(["C", "a", "b"]);
}
