using static Chaos.Tests.Scenarios.ScenarioParsing;

namespace Chaos.Tests.Scenarios;

public sealed class RepeatParsingTests
{
    [Fact]
    public void Parse_Repeat_ReadsTheCount()
    {
        Valid(ValidScenarios.EveryKey).Repeat.ShouldBe(3);
    }

    [Fact]
    public void Parse_NoRepeat_RunsOnce()
    {
        Valid(ValidScenarios.ReplicaKill).Repeat.ShouldBe(1);
    }

    [Theory]
    [InlineData("repeat: 0")]
    [InlineData("repeat: 101")]
    [InlineData("repeat: twice")]
    public void Parse_RepeatOutOfRange_IsAnErrorAtTheValue(string repeat)
    {
        var error = SingleError(EveryKeyWith("repeat: 3", repeat));

        (error.Line, error.Column).ShouldBe((48, 9));
        error.Message.ShouldContain("a whole number from 1 to 100");
    }
}
