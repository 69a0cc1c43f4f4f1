namespace Chaos.Tests.Scenarios;

public sealed class TagParsingTests
{
    [Fact]
    public void Parse_Tags_ReadsEachOnceInOrder() =>
        ScenarioParsing.Valid("tags: [smoke, data, smoke]\n" + ValidScenarios.ReplicaKill).Tags.ShouldBe(["smoke", "data"]);

    [Fact]
    public void Parse_NoTags_IsEmpty() => ScenarioParsing.Valid(ValidScenarios.ReplicaKill).Tags.ShouldBeEmpty();

    [Fact]
    public void Parse_BadTag_ErrorAtTheTag()
    {
        var error = ScenarioParsing.SingleError("tags: [smoke, Smoke Test]\n" + ValidScenarios.ReplicaKill);

        error.Message.ShouldContain("a tag of lowercase letters, digits and dashes");
        (error.Line, error.Column).ShouldBe((1, 15));
    }
}
