using Chaos.Engine;
using Chaos.Scenarios;

namespace Chaos.Tests.Scenarios;

public sealed class CatchesParsingTests
{
    [Fact]
    public void Parse_Catches_ReadsEachVariantOnceInOrder() =>
        ScenarioParsing.Valid("catches: [no-self-healing, single-replica, no-self-healing]\n" + ValidScenarios.ReplicaKill)
            .Catches.ShouldBe(["no-self-healing", "single-replica"]);

    [Fact]
    public void Parse_NoCatches_IsEmpty() => ScenarioParsing.Valid(ValidScenarios.ReplicaKill).Catches.ShouldBeEmpty();

    [Theory]
    [InlineData("full")]                    // the full stack is the baseline, never a row
    [InlineData("single-replica-no-retry")] // compound variants are not matrix rows
    [InlineData("no-such-practice")]
    public void Parse_NotASinglePracticeVariant_ErrorAtTheItemNamingTheRows(string variant)
    {
        var error = ScenarioParsing.SingleError($"catches: [no-retries, {variant}]\n" + ValidScenarios.ReplicaKill);

        error.Message.ShouldContain("catches[1]");
        error.Message.ShouldContain("no-circuit-breaker");
        error.Message.ShouldNotContain("full,");
        (error.Line, error.Column).ShouldBe((1, 23));
    }

    [Fact]
    public void CatchersFirst_PutsTheDeclaredCatchersOfTheVariantFirst_EachGroupInSetOrder()
    {
        var a = ScenarioParsing.Valid(ValidScenarios.ReplicaKill) with { Name = "a" };
        var b = a with { Name = "b", Catches = ["no-fallback"] };
        var c = a with { Name = "c", Catches = ["no-retries"] };
        var d = a with { Name = "d", Catches = ["no-retries", "no-fallback"] };

        MatrixRunner.CatchersFirst([a, b, c, d], "no-retries").Select(s => s.Name).ShouldBe(["c", "d", "a", "b"]);
        MatrixRunner.CatchersFirst([a, b, c, d], "no-hedging").Select(s => s.Name).ShouldBe(["a", "b", "c", "d"]);
    }
}
