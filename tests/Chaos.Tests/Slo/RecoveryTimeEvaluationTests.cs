using Chaos.Load;
using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class RecoveryTimeEvaluationTests
{
    private static readonly Threshold WithinTen = new(Comparison.AtMost, 10);

    private static readonly RegionAnswer[] Answers =
    [
        new(2, Outcome.Ok, "b"),
        new(5, Outcome.Ok, "a"),
        new(6, Outcome.ServerError, "b"),
        new(7, Outcome.Timeout, "a"),
        new(9.5, Outcome.Degraded, "b"),
        new(11, Outcome.Ok, "b"),
    ];

    [Fact]
    public void Evaluate_StandbyAnswersAfterTheFault_MeasuresToItsFirstSuccess()
    {
        var result = RecoveryTimeEvaluation.Evaluate(WithinTen, 4, Answers, standbyRegion: "b");

        result.Name.ShouldBe(SloDefinitions.RecoveryTime);
        result.Status.ShouldBe(SloStatus.Passed);
        result.Measured.ShouldBe(5.5);
        result.Samples.ShouldBe(5);
    }

    [Fact]
    public void Evaluate_FirstGoodAnswerTime_IsTheSmallInput() =>
        RecoveryTimeEvaluation.Evaluate(WithinTen, 4, firstGoodStandbyAnswerSeconds: 16).Status.ShouldBe(SloStatus.Failed);

    [Fact]
    public void Evaluate_AllFailed_FailsAsNeverRecovered()
    {
        RegionAnswer[] failed = [new(5, Outcome.ServerError, "b"), new(6, Outcome.ConnectionError, "b")];

        var result = RecoveryTimeEvaluation.Evaluate(WithinTen, 4, failed, standbyRegion: "b");

        result.Status.ShouldBe(SloStatus.Failed);
        result.Measured.ShouldBeNull();
        result.Message.ShouldNotBeNull().ShouldContain("never recovered");
    }

    [Fact]
    public void Evaluate_NoTraffic_FailsAsNeverRecovered() =>
        RecoveryTimeEvaluation.Evaluate(WithinTen, 4, [], standbyRegion: "b").Status.ShouldBe(SloStatus.Failed);

    [Fact]
    public void Evaluate_NoFault_IsNoData() =>
        RecoveryTimeEvaluation.Evaluate(WithinTen, null, Answers, standbyRegion: "b").Status.ShouldBe(SloStatus.NoData);

    [Fact]
    public void FirstGoodAnswer_AnswersBeforeTheFault_AreIgnored() =>
        RecoveryTimeEvaluation.FirstGoodAnswer(3, Answers, "b").ShouldBe(9.5);

    [Fact]
    public void Evaluator_AnEarlierFault_TheRtoStillStartsAtTheRegionLoss()
    {
        var slos = new SloSpec { RecoveryTimeObjective = WithinTen };
        var observations = new RunObservations { RegionAnswers = Answers, RegionLossStartSeconds = 8, StandbyRegion = "b" };

        var result = SloEvaluator.Evaluate(Loads.Scenario(slos), Loads.Seconds(12, _ => 0), [1.0, 8.0], observations).ShouldHaveSingleItem();

        result.Measured.ShouldBe(1.5);
    }

    [Fact]
    public void Evaluator_RegionBLost_RegionAIsTheOneThatMustAnswer()
    {
        var slos = new SloSpec { RecoveryTimeObjective = WithinTen };
        var observations = new RunObservations { RegionAnswers = Answers, RegionLossStartSeconds = 4, StandbyRegion = "a" };

        SloEvaluator.Evaluate(Loads.Scenario(slos), Loads.Seconds(12, _ => 0), [4.0], observations).ShouldHaveSingleItem().Measured.ShouldBe(1);
    }
}
