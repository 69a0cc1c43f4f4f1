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

    [Fact]
    public void ParseWeights_Pairs_OverrideTheDefaultsAndKeepTheRest()
    {
        var weights = ResilienceScore.ParseWeights(["predictionQuality=3, dataLoss=2", "availability=0.5"], out var error).ShouldNotBeNull();

        error.ShouldBeNull();
        weights["predictionQuality"].ShouldBe(3);
        weights["dataLoss"].ShouldBe(2);
        weights[SloDefinitions.Availability].ShouldBe(0.5);
        weights[SloDefinitions.Latency].ShouldBe(ResilienceScore.DefaultWeights[SloDefinitions.Latency]);
    }

    [Fact]
    public void ParseWeights_Nothing_IsTheDefaults()
    {
        var weights = ResilienceScore.ParseWeights([], out _).ShouldNotBeNull();

        weights.ShouldBe(ResilienceScore.DefaultWeights, ignoreOrder: true);
        ResilienceScore.Compute([Slo(SloDefinitions.Availability, SloStatus.Passed), Slo("dataLoss", SloStatus.Failed)], weights).Explanation
            .ShouldBe(ResilienceScore.Compute([Slo(SloDefinitions.Availability, SloStatus.Passed), Slo("dataLoss", SloStatus.Failed)]).Explanation);
    }

    [Fact]
    public void ParseWeights_ZeroWeight_LeavesTheSloOutOfTheScore()
    {
        var weights = ResilienceScore.ParseWeights(["dataLoss=0"], out _).ShouldNotBeNull();

        ResilienceScore.Compute([Slo(SloDefinitions.Availability, SloStatus.Passed), Slo("dataLoss", SloStatus.Failed)], weights).Score.ShouldBe(100);
    }

    [Theory]
    [InlineData("availabilty=3", "'availabilty': unknown SLO; expected one of: availability")]
    [InlineData("availability", "'availability': expected name=weight")]
    [InlineData("=3", "'=3': expected name=weight")]
    [InlineData("latency=-1", "'latency=-1': the weight must be a finite number >= 0")]
    [InlineData("latency=NaN", "the weight must be a finite number >= 0")]
    [InlineData("latency=two", "the weight must be a finite number >= 0")]
    [InlineData("latency=1,latency=2", "'latency': weight given twice")]
    public void ParseWeights_BadPair_NullWithTheReason(string text, string expected)
    {
        ResilienceScore.ParseWeights([text], out var error).ShouldBeNull();

        error.ShouldNotBeNull().ShouldContain(expected);
    }

    [Fact]
    public void Names_AreTheScenarioSchemaSloKeys()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(Chaos.Scenarios.ScenarioSchema.Json);
        var keys = schema.RootElement.GetProperty("properties").GetProperty("slos").GetProperty("properties").EnumerateObject().Select(p => p.Name);

        SloDefinitions.Names.ShouldBe(keys);
    }
}
