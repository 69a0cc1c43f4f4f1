using Chaos.Scenarios;
using static Chaos.Tests.Scenarios.ScenarioParsing;

namespace Chaos.Tests.Scenarios;

public sealed class SloParsingTests
{
    [Fact]
    public void Parse_EverySlo_ReadsEachThreshold()
    {
        var slos = Valid(ValidScenarios.EveryKey).Slos;

        slos.ErrorBudgetBurn.ShouldBe(new Threshold(Comparison.AtMost, 2));
        slos.TimeToDetect.ShouldBe(new Threshold(Comparison.AtMost, 5));
        slos.RecoveryTimeObjective.ShouldBe(new Threshold(Comparison.AtMost, 30));
        slos.RecoveryPointObjective.ShouldBe(new Threshold(Comparison.AtMost, 0));
        slos.PredictionQuality.ShouldBe(new PredictionQualitySlo(KnownPredictionMetrics.Accuracy, new Threshold(Comparison.AtLeast, 0.8)));
        slos.DataLoss.ShouldBe(new Threshold(Comparison.AtMost, 0));
        slos.DriftDetectionDelay.ShouldBe(new Threshold(Comparison.AtMost, 60));
    }

    [Fact]
    public void Parse_OnlyTheOriginalSlos_LeavesTheNewOnesNull()
    {
        var slos = Valid(ValidScenarios.ReplicaKill).Slos;

        new object?[] { slos.ErrorBudgetBurn, slos.TimeToDetect, slos.RecoveryTimeObjective, slos.RecoveryPointObjective, slos.PredictionQuality, slos.DataLoss, slos.DriftDetectionDelay }
            .ShouldAllBe(value => value == null);
    }

    [Fact]
    public void Parse_TrainingRework_ReadsAWholeNumberThreshold() =>
        Valid("name: a\nload: { rate: 5, duration: 2s }\nslos: { trainingRework: '<= 1' }\n").Slos.TrainingRework.ShouldBe(new Threshold(Comparison.AtMost, 1));

    [Fact]
    public void Parse_OnlyANewSlo_IsAnObjective()
    {
        Valid("name: a\nload: { rate: 5, duration: 2s }\nslos: { dataLoss: '<= 0' }\n").Slos.DataLoss.ShouldBe(new Threshold(Comparison.AtMost, 0));
    }

    [Theory]
    [InlineData("\"<= 2\"", "\"<= 2%\"", 41, 20, "invalid value '<= 2%' for slos.errorBudgetBurn; expected a number threshold")]
    [InlineData("\"<= 5s\"", "\"<= 5\"", 42, 17, "invalid value '<= 5' for slos.timeToDetect; expected a duration threshold")]
    [InlineData("rto: \"<= 30s\"", "rto: \"<= 30\"", 43, 8, "invalid value '<= 30' for slos.rto")]
    [InlineData("rpo: \"<= 0\"", "rpo: \"<= 0.5\"", 44, 8, "invalid value '<= 0.5' for slos.rpo; expected a whole-number threshold")]
    [InlineData("metric: accuracy", "metric: f1", 45, 32, "invalid value 'f1' for slos.predictionQuality.metric; expected one of: accuracy, auc")]
    [InlineData("target: \">= 0.8\"", "target: \">= 80%\"", 45, 50, "invalid value '>= 80%' for slos.predictionQuality.target")]
    [InlineData("target: \">= 0.8\"", "target: \">= 1.5\"", 45, 50, "invalid value '>= 1.5' for slos.predictionQuality.target")]
    [InlineData("dataLoss: \"<= 0\"", "dataLoss: \"none\"", 46, 13, "invalid value 'none' for slos.dataLoss")]
    [InlineData("\"<= 60s\"", "\"<= 2h\"", 47, 24, "invalid value '<= 2h' for slos.driftDetectionDelay")]
    public void Parse_InvalidSlo_ReportsOneLocatedError(string oldText, string newText, int line, int column, string message)
    {
        var error = SingleError(EveryKeyWith(oldText, newText));

        error.Message.ShouldStartWith(message);
        (error.Line, error.Column).ShouldBe((line, column), error.Message);
    }
}
