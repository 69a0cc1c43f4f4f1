using Chaos.GameDay;
using Chaos.Scenarios;

namespace Chaos.Tests.GameDay;

public sealed class GameDayCommandParserTests
{
    [Fact]
    public void Parse_InjectKillWithRoleAndPick_BuildsTheFault()
    {
        var (command, error) = GameDayCommandParser.Parse("inject container.kill role=inference pick=all");

        error.ShouldBeNull();
        var fault = command.ShouldBeOfType<GameDayCommand.Inject>().Fault;
        fault.Kind.ShouldBe(KnownFaultKinds.ContainerKill);
        fault.Target.ShouldBe(new TargetSelector { Role = "inference", Pick = "all" });
        command.Text.ShouldBe("inject container.kill role=inference pick=all");
    }

    [Fact]
    public void Parse_InjectPollyChaosWithoutRole_TargetsTheGatewayWithItsOptions()
    {
        var fault = GameDayCommandParser.Parse("inject polly.chaos mode=latency rate=30% delay=200ms duration=20s").Command
            .ShouldBeOfType<GameDayCommand.Inject>().Fault;

        fault.Target.Role.ShouldBe("gateway");
        fault.Mode.ShouldBe("latency");
        fault.Rate.ShouldBe(0.3);
        fault.Delay.ShouldBe(TimeSpan.FromMilliseconds(200));
        fault.Duration.ShouldBe(TimeSpan.FromSeconds(20));
    }

    [Theory]
    [InlineData("inject", "expected a fault kind")]
    [InlineData("inject disk.fill", "invalid value 'disk.fill' for inject.kind")]
    [InlineData("inject polly.chaos rate=30%", "needs a mode")]
    [InlineData("inject polly.chaos mode=outcome rate=lots", "invalid value 'lots' for inject.rate")]
    [InlineData("inject container.kill rate=30%", "takes no 'rate'")]
    [InlineData("inject container.kill role=database", "invalid value 'database' for role")]
    [InlineData("inject container.kill size=3", "unknown parameter 'size'")]
    [InlineData("inject container.kill role", "expected key=value")]
    [InlineData("inject container.kill pick=one pick=all", "given twice")]
    [InlineData("revert", "expected one fault id")]
    [InlineData("note", "expected the text of the note")]
    [InlineData("hypothesis it holds", "then held or broken")]
    [InlineData("hypothesis held", "then held or broken")]
    [InlineData("status now", "takes no arguments")]
    [InlineData("explode", "unknown command 'explode'")]
    public void Parse_BadCommand_IsOneLineErrorSayingWhatWasExpected(string line, string expected)
    {
        var (command, error) = GameDayCommandParser.Parse(line);

        command.ShouldBeNull();
        error.ShouldNotBeNull();
        error.ShouldContain(expected);
        error.ShouldNotContain("\n");
    }

    [Fact]
    public void Parse_RevertAllAndRevertId_AreTold()
    {
        GameDayCommandParser.Parse("revert all").Command.ShouldBe(new GameDayCommand.Revert(null) { Text = "revert all" });
        GameDayCommandParser.Parse("revert f2").Command.ShouldBe(new GameDayCommand.Revert("f2") { Text = "revert f2" });
    }

    [Fact]
    public void Parse_NoteKeepsTheWholeText() =>
        GameDayCommandParser.Parse("  note breaker opened: 3 s, then closed  ").Command
            .ShouldBeOfType<GameDayCommand.Note>().Message.ShouldBe("breaker opened: 3 s, then closed");

    [Theory]
    [InlineData("hypothesis availability stays above 99% held", "availability stays above 99%", true)]
    [InlineData("hypothesis the fallback answers BROKEN", "the fallback answers", false)]
    public void Parse_Hypothesis_SplitsStatementAndOutcome(string line, string statement, bool held) =>
        GameDayCommandParser.Parse(line).Command.ShouldBe(new GameDayCommand.Hypothesis(statement, held) { Text = line });

    [Fact]
    public void Parse_EmptyLineOutsideARunbook_IsNothing() =>
        GameDayCommandParser.Parse("   ").ShouldBe((null, null));

    [Theory]
    [InlineData("", true)]
    [InlineData("y", true)]
    [InlineData("Yes", true)]
    [InlineData("n", false)]
    public void Parse_AnswerInARunbook_ConfirmsTheStep(string line, bool asExpected) =>
        GameDayCommandParser.Parse(line, inRunbook: true).Command.ShouldBeOfType<GameDayCommand.Confirm>().AsExpected.ShouldBe(asExpected);

    [Fact]
    public void Parse_YOutsideARunbook_IsAnUnknownCommand() =>
        GameDayCommandParser.Parse("y").Error.ShouldNotBeNull().ShouldContain("unknown command 'y'");

    [Theory]
    [InlineData("quit")]
    [InlineData("status")]
    [InlineData("help")]
    public void Parse_CommandsWithoutArguments_Parse(string line) =>
        GameDayCommandParser.Parse(line).Error.ShouldBeNull();

    [Fact]
    public void Parse_EveryCatalogueFault_CanBeInjected()
    {
        foreach (var kind in KnownFaultKinds.All)
        {
            // Each kind with the options it cannot do without, written as a person would type them.
            var extra = string.Concat(KnownFaultKinds.RequiredOf(kind).Select(option => option switch
            {
                "mode" => " mode=fault",
                "rate" => " rate=10%",
                "delay" => " delay=100ms",
                "bandwidth" => " bandwidth=10000",
                "cores" => " cores=1",
                "memory" => " memory=64",
                "shift" => " shift=1",
                _ => throw new InvalidOperationException($"no sample value for the option '{option}' of {kind}: add one here"),
            }));
            GameDayCommandParser.Parse($"inject {kind}{extra}").Error.ShouldBeNull(kind);
        }
    }
}
