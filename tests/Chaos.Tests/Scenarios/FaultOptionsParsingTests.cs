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

    [Fact]
    public void Parse_NetworkLatencyWithJitter_ReadsBoth()
    {
        var fault = ScenarioParsing.Valid(With("    kind: network.latency\n    target: { role: inference }\n    delay: 100ms\n    jitter: 20ms")).Faults.ShouldHaveSingleItem();

        fault.Delay.ShouldBe(TimeSpan.FromMilliseconds(100));
        fault.Jitter.ShouldBe(TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public void Parse_JitterAboveDelay_IsAnError() =>
        ScenarioParsing.SingleError(With("    kind: network.latency\n    target: { role: inference }\n    delay: 10ms\n    jitter: 20ms")).Message.ShouldContain("must not exceed the delay");

    [Fact]
    public void Parse_NetworkLatencyWithoutDelay_ErrorNamesTheMissingKey() =>
        ScenarioParsing.SingleError(With("    kind: network.latency\n    target: { role: inference }")).Message.ShouldContain("network.latency needs a delay");

    [Fact]
    public void Parse_DataDriftWithShift_ReadsTheShift() =>
        ScenarioParsing.Valid(With("    kind: data.drift\n    target: { role: gateway }\n    shift: 0.5")).Faults.ShouldHaveSingleItem().Shift.ShouldBe(0.5);

    [Fact]
    public void Parse_DataDriftWithoutShift_ErrorNamesTheMissingKeyAndItsForm() =>
        ScenarioParsing.SingleError(With("    kind: data.drift\n    target: { role: gateway }")).Message.ShouldContain("data.drift needs a shift, standard deviations");

    [Fact]
    public void Parse_GradualConceptDrift_ReadsModeAndRamp()
    {
        var fault = ScenarioParsing.Valid(With("    kind: data.drift\n    target: { role: gateway }\n    shift: 1\n    mode: concept\n    ramp: 10s\n    duration: 20s"))
            .Faults.ShouldHaveSingleItem();

        (fault.Mode, fault.Ramp).ShouldBe(("concept", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Parse_DriftWithAPollyMode_ErrorListsTheDriftModes() =>
        ScenarioParsing.SingleError(With("    kind: data.drift\n    target: { role: gateway }\n    shift: 1\n    mode: latency"))
            .Message.ShouldContain("one of: concept, covariate, label");

    [Fact]
    public void Parse_RampLongerThanTheDrift_IsAnError() =>
        ScenarioParsing.SingleError(With("    kind: data.drift\n    target: { role: gateway }\n    shift: 1\n    ramp: 20s\n    duration: 10s"))
            .Message.ShouldContain("expected ramp <= duration");

    [Fact]
    public void Parse_RampOnAContainerFault_IsAnError() =>
        ScenarioParsing.SingleError(With(KillLines + "\n    ramp: 5s")).Message.ShouldContain("takes no 'ramp'");

    [Fact]
    public void Parse_ShiftOutOfRange_IsAnError() =>
        ScenarioParsing.SingleError(With("    kind: data.drift\n    target: { role: gateway }\n    shift: 9")).Message.ShouldContain("a number from 0.05 to 5");

    [Fact]
    public void Parse_ShiftOnAContainerFault_IsAnError() =>
        ScenarioParsing.SingleError(With(KillLines + "\n    shift: 1")).Message.ShouldContain("takes no 'shift'");

    [Fact]
    public void Parse_DataCorruptBatchWithoutRate_ErrorNamesTheMissingKey() =>
        ScenarioParsing.SingleError(With("    kind: data.corrupt-batch\n    target: { role: pipeline }")).Message.ShouldContain("data.corrupt-batch needs a rate");

    [Fact]
    public void Parse_RateOnDataStale_IsAnError() =>
        ScenarioParsing.SingleError(With("    kind: data.stale\n    target: { role: pipeline }\n    rate: 5%")).Message.ShouldContain("takes no 'rate'");

    [Fact]
    public void Parse_StorageCrashWithKills_ReadsTheCount() =>
        ScenarioParsing.Valid(With("    kind: storage.crash\n    target: { role: pipeline }\n    kills: 5")).Faults.ShouldHaveSingleItem().Kills.ShouldBe(5);

    [Fact]
    public void Parse_StorageCrashWithoutKills_TakesTheDefault() =>
        ScenarioParsing.Valid(With("    kind: storage.crash\n    target: { role: pipeline }")).Faults.ShouldHaveSingleItem().Kills.ShouldBeNull();

    [Fact]
    public void Parse_KillsOutOfRange_IsAnError() =>
        ScenarioParsing.SingleError(With("    kind: storage.crash\n    target: { role: pipeline }\n    kills: 0")).Message.ShouldContain("a whole number from 1 to 20");

    [Fact]
    public void Parse_KillsOnAnotherFault_IsAnError() =>
        ScenarioParsing.SingleError(With(KillLines + "\n    kills: 2")).Message.ShouldContain("takes no 'kills'");

    [Fact]
    public void Parse_NetworkBandwidth_ReadsBytesPerSecond() =>
        ScenarioParsing.Valid(With("    kind: network.bandwidth\n    target: { role: inference }\n    bandwidth: 16384")).Faults.ShouldHaveSingleItem().BytesPerSecond.ShouldBe(16384);

    [Fact]
    public void Parse_DelayOnNetworkReset_IsAnErrorThatSaysItTakesNone() =>
        ScenarioParsing.SingleError(With("    kind: network.reset\n    target: { role: inference }\n    delay: 1s")).Message.ShouldContain("takes no 'delay'; it takes none");

    [Fact]
    public void Parse_PickAShare_Read() =>
        ScenarioParsing.Valid(With("    kind: container.kill\n    target: { role: inference, pick: 50% }")).Faults.ShouldHaveSingleItem().Target.Pick.ShouldBe("50%");

    [Theory]
    [InlineData("0%")]
    [InlineData("some")]
    [InlineData("150%")]
    public void Parse_BadPick_ErrorSaysWhatIsExpected(string pick) =>
        ScenarioParsing.SingleError(With($"    kind: container.kill\n    target: {{ role: inference, pick: {pick} }}")).Message.ShouldContain("one of: all, one, or a percentage");

    private static string With(string faultBody)
    {
        ValidScenarios.ReplicaKill.ShouldContain(KillLines);
        return ValidScenarios.ReplicaKill.Replace(KillLines, faultBody, StringComparison.Ordinal);
    }
}
