using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class ResilienceScoreTests
{
    private static SloResult Slo(string name, SloStatus status) => new(name, "", null, null, status, SloDefinitions.FractionUnit, "", 1);

    [Fact]
    public void Compute_MixedOutcomes_WeighsByDefaultWeights()
    {
        // availability 3 passed, latency 2 failed, timeToRecover 2 no data, rpo 1 passed -> 4 of 8.
        var score = ResilienceScore.Compute([
            Slo(SloDefinitions.Availability, SloStatus.Passed), Slo(SloDefinitions.Latency, SloStatus.Failed),
            Slo(SloDefinitions.TimeToRecover, SloStatus.NoData), Slo(SloDefinitions.RecoveryPoint, SloStatus.Passed)]);

        score.Score.ShouldBe(50);
        score.EarnedPoints.ShouldBe(4);
        score.PossiblePoints.ShouldBe(8);
        score.SloResults.ShouldBe(4);
        score.Weights[SloDefinitions.RecoveryPoint].ShouldBe(1);
    }

    [Fact]
    public void Compute_Explanation_ListsTheWeights()
    {
        var score = ResilienceScore.Compute([Slo(SloDefinitions.Availability, SloStatus.Passed)]);

        score.Explanation.ShouldContain("availability 3, latency 2, timeToRecover 2, every other SLO 1");
        score.Explanation.ShouldContain("passed = 1, failed = 0, no data = 0");
        score.Explanation.ShouldContain("3 of 3 weighted points over 1 SLO results = 100");
    }

    [Fact]
    public void Compute_AllPassed_IsHundred() =>
        ResilienceScore.Compute([Slo(SloDefinitions.Availability, SloStatus.Passed), Slo("dataLoss", SloStatus.Passed)]).Score.ShouldBe(100);

    [Fact]
    public void Compute_AllFailedOrNoData_IsZero() =>
        ResilienceScore.Compute([Slo(SloDefinitions.Availability, SloStatus.Failed), Slo("dataLoss", SloStatus.NoData)]).Score.ShouldBe(0);

    [Fact]
    public void Compute_NoSlos_HasNoScore()
    {
        var score = ResilienceScore.Compute([]);

        score.Score.ShouldBeNull();
        score.Explanation.ShouldContain("no SLO was scored");
    }

    [Fact]
    public void Compute_CustomWeights_ReplaceTheDefaults()
    {
        var weights = new Dictionary<string, double> { ["dataLoss"] = 9 };

        var score = ResilienceScore.Compute([Slo("dataLoss", SloStatus.Passed), Slo(SloDefinitions.Availability, SloStatus.Failed)], weights);

        score.Score.ShouldBe(90);
        score.Explanation.ShouldContain("dataLoss 9, every other SLO 1");
    }

    [Fact]
    public void Compute_NegativeWeight_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() =>
            ResilienceScore.Compute([Slo("x", SloStatus.Passed)], new Dictionary<string, double> { ["x"] = -1 }));
}
