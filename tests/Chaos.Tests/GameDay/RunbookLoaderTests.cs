using Chaos.GameDay;
using Chaos.Scenarios;
using Chaos.Tests.Scenarios;

namespace Chaos.Tests.GameDay;

public sealed class RunbookLoaderTests
{
    private const string Head = "name: drill\nsteps:\n";

    [Fact]
    public void Load_TheExampleRunbook_IsValidWithEveryKindOfStep()
    {
        var (runbook, errors) = RunbookLoader.Load(Path.Combine(RepositoryFiles.Root, "scenarios", "gameday", "replica-loss.yaml"));

        errors.ShouldBeEmpty();
        runbook.ShouldNotBeNull();
        runbook.Steps.ShouldContain(s => s.Action != null);
        runbook.Steps.ShouldContain(s => s.Inject != null && s.Inject.Kind == KnownFaultKinds.ContainerKill);
        runbook.Steps.ShouldContain(s => s.Inject != null && s.Inject.Kind == KnownFaultKinds.PollyChaos && s.Inject.Rate == 0.2);
        runbook.Steps.ShouldContain(s => s.Revert == "last");
        runbook.Steps.ShouldContain(s => s.Check != null && s.Check.Slo == "availability");
        runbook.Steps.ShouldContain(s => s.Check != null && s.Check.ProbePath == "/v2/health/ready" && s.Check.Expect == 200);
        runbook.Steps.Select(s => s.Number).ShouldBe(Enumerable.Range(1, runbook.Steps.Count));
    }

    [Fact]
    public void Parse_StepWithTwoThingsToDo_ErrorAtTheStep()
    {
        var error = SingleError(Head + "  - action: look\n    revert: all\n");

        error.Message.ShouldContain("expected exactly one of: action, inject, revert, check; found action and revert");
        (error.Line, error.Column).ShouldBe((3, 5));
    }

    [Fact]
    public void Parse_StepWithNothingToDo_ErrorSaysWhatIsExpected() =>
        SingleError(Head + "  - title: nothing\n").Message.ShouldContain("expected one of: action, inject, revert, check; found none");

    [Fact]
    public void Parse_UnknownKeyInAStep_ErrorAtTheKeyWithTheAllowedOnes()
    {
        var error = SingleError(Head + "  - action: look\n    wait: 10s\n");

        error.Message.ShouldContain("unknown key 'wait' in steps[0]; expected one of: title, action, inject, revert, check, expect");
        (error.Line, error.Column).ShouldBe((4, 5));
    }

    [Fact]
    public void Parse_InjectWithABadRate_ErrorAtTheValueFromTheScenarioRules()
    {
        var error = SingleError(Head + "  - inject: { kind: polly.chaos, target: { role: gateway }, mode: outcome, rate: many }\n");

        error.Message.ShouldContain("invalid value 'many' for steps[0].inject.rate");
        (error.Line, error.Column).ShouldBe((3, 82)); // the value "many"
    }

    [Fact]
    public void Parse_InjectWithAnAt_IsAnError() =>
        SingleError(Head + "  - inject: { at: 5s, kind: container.kill, target: { role: inference } }\n").Message.ShouldContain("unknown key 'at'");

    [Fact]
    public void Parse_RevertOfSomethingElse_ErrorSaysWhatIsExpected() =>
        SingleError(Head + "  - revert: everything\n").Message.ShouldContain("expected a fault id like f1, last or all");

    [Fact]
    public void Parse_CheckOfAnUnknownSlo_ErrorListsTheCheckableOnes() =>
        SingleError(Head + "  - check: { slo: rto }\n").Message.ShouldContain("one of: availability, errorBudgetBurn, latency");

    [Fact]
    public void Parse_CheckWithSloAndProbe_IsAnError() =>
        SingleError(Head + "  - check: { slo: availability, probe: /v2/health/ready }\n").Message.ShouldContain("exactly one of: slo");

    [Fact]
    public void Parse_ProbeWithoutASlash_IsAnError() =>
        SingleError(Head + "  - check: { probe: health }\n").Message.ShouldContain("a path on the front door starting with /");

    [Fact]
    public void Parse_NoSteps_IsAnError() =>
        SingleError("name: drill\nsteps: []\n").Message.ShouldContain("at least one step");

    [Fact]
    public void Parse_MissingName_IsAnError() =>
        SingleError("steps:\n  - action: look\n").Message.ShouldContain("missing required key 'name'");

    [Fact]
    public void Parse_InvalidYaml_OneLocatedError()
    {
        var (runbook, errors) = RunbookLoader.Parse("name: [drill\n", "bad.yaml");

        runbook.ShouldBeNull();
        errors.ShouldHaveSingleItem().File.ShouldBe("bad.yaml");
        errors[0].Message.ShouldContain("invalid YAML");
    }

    [Fact]
    public void Parse_EveryErrorAtOnce()
    {
        var (_, errors) = RunbookLoader.Parse(Head + "  - revert: x\n  - check: { slo: rto }\n  - title: t\n", "many.yaml");

        errors.Count.ShouldBe(3);
        errors.Select(e => e.Line).ShouldBe([3, 4, 5]);
    }

    [Fact]
    public void Load_MissingFile_IsAnErrorNotAnException() =>
        RunbookLoader.Load("/nonexistent/runbook.yaml").Errors.ShouldHaveSingleItem().Message.ShouldContain("file not found");

    private static ScenarioError SingleError(string yaml)
    {
        var (runbook, errors) = RunbookLoader.Parse(yaml, "runbook.yaml");
        runbook.ShouldBeNull();
        return errors.ShouldHaveSingleItem();
    }
}
