using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class PredictionQualityEvaluationTests
{
    // Positives 0.9, 0.8, 0.6, 0.3 against negatives 0.7, 0.4, 0.2, 0.1: 13 of 16 pairs ordered right -> AUC 0.8125;
    // at 0.5, 0.7 (negative) and 0.3 (positive) are wrong -> accuracy 6/8.
    private static readonly LabelledPrediction[] Eight =
    [
        new(0.9, true, "a"), new(0.8, true, "a"), new(0.7, false, "a"), new(0.6, true, "a"),
        new(0.4, false, "b"), new(0.3, true, "b"), new(0.2, false, "b"), new(0.1, false, "b"),
    ];

    private static LabelledPrediction[] Repeated(int times) => Enumerable.Repeat(Eight, times).SelectMany(p => p).ToArray();

    [Fact]
    public void Measure_KnownSet_GivesKnownAccuracyAucAndGap()
    {
        var quality = PredictionQualityEvaluation.Measure(Eight).ShouldNotBeNull();

        quality.Count.ShouldBe(8);
        quality.Accuracy.ShouldBe(0.75);
        quality.Auc!.Value.ShouldBe(0.8125, 1e-12);
        quality.GroupAccuracy["a"].ShouldBe(0.75);
        quality.GroupAccuracy["b"].ShouldBe(0.75);
        quality.AccuracyGap.ShouldBe(0);
    }

    [Fact]
    public void Auc_TiesBetweenClasses_CountOneHalf()
    {
        // Pairs: (0.5+, 0.5-) x2 = 1, (0.5+, 0.2-) x2 = 2 -> 3 / 4.
        LabelledPrediction[] tied = [new(0.5, true, ""), new(0.5, true, ""), new(0.5, false, ""), new(0.2, false, "")];

        PredictionQualityEvaluation.Auc(tied)!.Value.ShouldBe(0.75, 1e-12);
    }

    [Fact]
    public void Auc_AllScoresEqual_IsOneHalf() =>
        PredictionQualityEvaluation.Auc([new(0.3, true, ""), new(0.3, false, ""), new(0.3, false, "")])!.Value.ShouldBe(0.5, 1e-12);

    [Fact]
    public void Auc_PerfectlyReversed_IsZero() =>
        PredictionQualityEvaluation.Auc([new(0.1, true, ""), new(0.9, false, "")])!.Value.ShouldBe(0);

    [Fact]
    public void Auc_OneClassOnly_IsNull() => PredictionQualityEvaluation.Auc([new(0.1, true, ""), new(0.9, true, "")]).ShouldBeNull();

    [Fact]
    public void Measure_GroupsDiffer_GapIsHighestMinusLowest()
    {
        LabelledPrediction[] predictions = [new(0.9, true, "x"), new(0.1, false, "x"), new(0.9, false, "y"), new(0.9, true, "y")];

        var quality = PredictionQualityEvaluation.Measure(predictions).ShouldNotBeNull();

        quality.GroupAccuracy.Keys.ShouldBe(["x", "y"]);
        quality.AccuracyGap.ShouldBe(0.5);
    }

    [Fact]
    public void Measure_InvalidProbability_CountsAsWrongAndIsLeftOutOfAuc()
    {
        LabelledPrediction[] predictions = [new(0.9, true, ""), new(0.1, false, ""), new(double.NaN, true, ""), new(1.5, true, "")];

        var quality = PredictionQualityEvaluation.Measure(predictions).ShouldNotBeNull();

        quality.Invalid.ShouldBe(2);
        quality.Accuracy.ShouldBe(0.5);
        quality.Auc.ShouldBe(1);
    }

    [Fact]
    public void Evaluate_AucAboveTarget_Passes()
    {
        var result = PredictionQualityEvaluation.Evaluate(new Threshold(Comparison.AtLeast, 0.8), Repeated(7), PredictionQualityMetric.Auc);

        result.Name.ShouldBe(SloDefinitions.PredictionQuality);
        result.Status.ShouldBe(SloStatus.Passed);
        result.Measured!.Value.ShouldBe(0.8125, 1e-12);
        result.Target.ShouldBe("auc >= 0.8");
        result.Unit.ShouldBe(SloDefinitions.NumberUnit);
        result.Samples.ShouldBe(56);
        result.Message.ShouldBe("accuracy 75%, AUC 0.813, accuracy gap 0 pp (a 75%, b 75%) over 56 predictions");
    }

    [Fact]
    public void Evaluate_AccuracyBelowTarget_Fails()
    {
        var result = PredictionQualityEvaluation.Evaluate(new Threshold(Comparison.AtLeast, 0.9), Repeated(7));

        result.Status.ShouldBe(SloStatus.Failed);
        result.Measured.ShouldBe(0.75);
        result.Target.ShouldBe("accuracy >= 90%");
        result.Unit.ShouldBe(SloDefinitions.FractionUnit);
    }

    [Fact]
    public void Evaluate_AllWrong_FailsAtZeroAccuracy()
    {
        var wrong = Enumerable.Range(0, 60).Select(i => new LabelledPrediction(0.9, false, "")).ToList();

        PredictionQualityEvaluation.Evaluate(new Threshold(Comparison.AtLeast, 0.9), wrong).Measured.ShouldBe(0);
    }

    [Fact]
    public void Evaluate_FewerThanTheMinimum_IsNoData()
    {
        var result = PredictionQualityEvaluation.Evaluate(new Threshold(Comparison.AtLeast, 0.5), Repeated(6));

        result.Status.ShouldBe(SloStatus.NoData);
        result.Samples.ShouldBe(48);
        result.Message.ShouldNotBeNull().ShouldContain("fewer than the 50");
    }

    [Fact]
    public void Evaluate_NoPredictions_IsNoData() =>
        PredictionQualityEvaluation.Evaluate(new Threshold(Comparison.AtLeast, 0.5), [], minimumCount: 0).Status.ShouldBe(SloStatus.NoData);

    [Fact]
    public void Evaluate_AucWithOneClass_IsNoData()
    {
        var positives = Enumerable.Range(0, 60).Select(i => new LabelledPrediction(i / 60.0, true, "")).ToList();

        PredictionQualityEvaluation.Evaluate(new Threshold(Comparison.AtLeast, 0.5), positives, PredictionQualityMetric.Auc).Status.ShouldBe(SloStatus.NoData);
    }

    [Fact]
    public void Evaluate_AccuracyGapOverTarget_Fails()
    {
        var unfair = Enumerable.Range(0, 30).SelectMany(_ => new LabelledPrediction[] { new(0.9, true, "x"), new(0.9, false, "y") }).ToList();

        var result = PredictionQualityEvaluation.Evaluate(new Threshold(Comparison.AtMost, 0.05), unfair, PredictionQualityMetric.AccuracyGap);

        result.Status.ShouldBe(SloStatus.Failed);
        result.Measured.ShouldBe(1);
        result.Target.ShouldBe("accuracy gap <= 5%");
    }
}
