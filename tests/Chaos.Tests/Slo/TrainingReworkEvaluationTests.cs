using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class TrainingReworkEvaluationTests
{
    private static readonly Threshold AtMostOne = new(Comparison.AtMost, 1);

    [Fact]
    public void Evaluate_ResumedWhereItStopped_PassesWithNothingRedone()
    {
        var result = TrainingReworkEvaluation.Evaluate(AtMostOne, [new TrainingResume(3, 3)]);

        result.Name.ShouldBe(SloDefinitions.TrainingRework);
        result.Status.ShouldBe(SloStatus.Passed);
        result.Measured.ShouldBe(0);
        result.Samples.ShouldBe(1);
        result.Message.ShouldBe("killed after stage 3, resumed from stage 3");
    }

    [Fact]
    public void Evaluate_StartedOver_RedoesEveryStageItHadDone() =>
        TrainingReworkEvaluation.Evaluate(AtMostOne, [new TrainingResume(4, 0)]).ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(SloStatus.Failed),
            r => r.Measured.ShouldBe(4));

    [Fact]
    public void Evaluate_NeverResumed_LostAllItHadDone()
    {
        var result = TrainingReworkEvaluation.Evaluate(AtMostOne, [new TrainingResume(2, 2), new TrainingResume(5, null)]);

        result.Status.ShouldBe(SloStatus.Failed);
        result.Measured.ShouldBe(5, "the worst kill counts");
        result.Message.ShouldBe("killed after stage 2, resumed from stage 2; killed after stage 5, never resumed");
    }

    [Fact]
    public void Evaluate_ResumedPastTheKill_CountsNoNegativeWork() =>
        TrainingReworkEvaluation.Evaluate(AtMostOne, [new TrainingResume(2, 3)]).Measured.ShouldBe(0);

    [Fact]
    public void Evaluate_NoKill_IsNoDataNotAPass() =>
        TrainingReworkEvaluation.Evaluate(AtMostOne, []).Status.ShouldBe(SloStatus.NoData);

    [Fact]
    public void Evaluator_WithoutAKill_SaysNoTrainingRunWasKilled()
    {
        var slos = new SloSpec { TrainingRework = AtMostOne };

        var result = SloEvaluator.Evaluate(Loads.Scenario(slos), Loads.Seconds(5, _ => 0), [1.0], RunObservations.None).ShouldHaveSingleItem();

        result.Status.ShouldBe(SloStatus.NoData);
        result.Message!.ShouldContain("no training run was killed");
    }
}
