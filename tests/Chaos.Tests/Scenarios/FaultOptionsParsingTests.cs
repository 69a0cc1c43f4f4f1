using Chaos.Scenarios;

namespace Chaos.Tests.Scenarios;

public sealed class FaultOptionsParsingTests
{
    private const string KillLines = "    kind: container.kill\n    target: { role: inference, pick: one }";

    [Fact]
    public void Parse_PollyChaosWithModeRateDelayAndDuration_ReadsThemAll()
    {
        var scenario = ScenarioParsing.Valid(With(
            "    kind: polly.chaos\n    target: { role: gateway }\n    mode: latency\n    rate: 30%\n    delay: 200ms\n    duration: 10s"));

        var fault = scenario.Faults.ShouldHaveSingleItem();
        fault.Kind.ShouldBe(KnownFaultKinds.PollyChaos);
        fault.Mode.ShouldBe("latency");
        fault.Rate.ShouldBe(0.3);
        fault.Delay.ShouldBe(TimeSpan.FromMilliseconds(200));
        fault.Duration.ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Parse_PollyChaosWithoutMode_ErrorNamesTheMissingKey() =>
        ScenarioParsing.SingleError(With("    kind: polly.chaos\n    target: { role: gateway }\n    rate: 30%")).Message.ShouldContain("needs a mode");

    [Fact]
    public void Parse_RateOnAContainerFault_IsAnErrorAtTheKey()
    {
        var error = ScenarioParsing.SingleError(With(KillLines + "\n    rate: 30%"));

        error.Message.ShouldContain("takes no 'rate'");
        error.Line.ShouldBe(21); // the rate line, in ValidScenarios.ReplicaKill with the fault body swapped in
        error.Column.ShouldBe(11);
    }

    [Fact]
    public void Parse_DurationPastTheEndOfTheLoad_IsAnError() =>
        ScenarioParsing.SingleError(With(KillLines + "\n    duration: 30s")).Message.ShouldContain("would end after the load");

    private static string With(string faultBody)
    {
        ValidScenarios.ReplicaKill.ShouldContain(KillLines);
        return ValidScenarios.ReplicaKill.Replace(KillLines, faultBody, StringComparison.Ordinal);
    }
}
