using Chaos.Engine;
using Chaos.Faults;
using Chaos.GameDay;
using Chaos.Load;
using Chaos.Reporting;
using Chaos.Scenarios;
using Chaos.Targets;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Tests.GameDay;

/// <summary>The session's logic with the run's fault calls faked at the edge (the container tests drive the real ones).</summary>
public sealed class GameDaySessionTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<string> _reverted = [];
    private readonly RunState _run;

    public GameDaySessionTests()
    {
        var scenario = GameDayScenario.Create(new GameDayOptions { MaxDuration = TimeSpan.FromMinutes(1) }, runbook: null);
        _run = new RunState(scenario, StackVariant.Full, 1, "test-run", Path.GetTempPath(), new RunClock(_time), progress: null);
    }

    [Fact]
    public async Task Run_InjectTwoThenRevertAll_RevertsEachOnceAndJournalsEverything()
    {
        var terminal = await RunAsync(null, "inject container.kill", "inject polly.chaos mode=outcome rate=20%", "revert all", "revert all", "quit");

        _reverted.ShouldBe(["container.kill", "polly.chaos"]);
        terminal.Written.ShouldContain("f1: container.kill into inference-1: verified (seen)");
        terminal.Written.ShouldContain("f2: polly.chaos reverted (confirmed)");
        terminal.Written.ShouldContain("no active fault to revert");
        Types().Count(t => t == RunEvent.Types.FaultReverted).ShouldBe(2);
        _run.Events.Where(e => e.Type == GameDayJournal.Command).Select(e => e.Data["faultId"] as string).ShouldContain("f2");
        _run.Events[^1].Data["reason"].ShouldBe("quit");
    }

    [Fact]
    public async Task Run_RevertOfAnUnknownId_SaysWhichAreActive()
    {
        var terminal = await RunAsync(null, "inject container.kill", "revert f7");

        terminal.Written.ShouldContain("error: no fault 'f7'; active: f1");
        _reverted.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_BadCommandThenNote_ErrorOnOneLineAndTheSessionGoesOn()
    {
        var terminal = await RunAsync(null, "inject nothing.real", "note still here");

        terminal.Written.ShouldContain(line => line.StartsWith("error: invalid value 'nothing.real' for inject.kind", StringComparison.Ordinal));
        Types().ShouldContain(GameDayJournal.CommandRejected);
        _run.Events.Single(e => e.Type == GameDayJournal.Note).Data["text"].ShouldBe("still here");
    }

    [Fact]
    public async Task Run_EndOfInput_EndsTheSessionAndSaysWhy()
    {
        await RunAsync(null, "note one");

        var last = _run.Events[^1];
        last.Type.ShouldBe(GameDayJournal.Ended);
        last.Data["reason"].ShouldBe("end of input");
    }

    [Fact]
    public async Task Run_Runbook_EachStepDoneOnEnterAndItsObservationConfirmedOrNot()
    {
        var (runbook, errors) = RunbookLoader.Parse("""
            name: drill
            steps:
              - action: open the dashboard
                expect: nothing is red
              - inject: { kind: container.kill, target: { role: inference } }
                expect: a breaker opens
              - title: skipped
                inject: { kind: polly.chaos, target: { role: gateway }, mode: fault, rate: 10% }
              - revert: last
            """, "drill.yaml");
        errors.ShouldBeEmpty();

        // Step 1: done, seen. Step 2: run, NOT seen (a note in between). Step 3: skipped. Step 4: run.
        var terminal = await RunAsync(runbook, "", "y", "y", "note no breaker opened", "n", "n", "y");

        var confirmations = _run.Events.Where(e => e.Type == GameDayJournal.StepConfirmed).Select(e => e.Data["message"] as string).ToList();
        confirmations.ShouldBe(
        [
            "step 1: action done: open the dashboard",
            "step 1: expected observation CONFIRMED: nothing is red",
            "step 2: expected observation NOT seen: a breaker opens",
            "step 3: skipped",
            "step 4: done",
        ]);
        _reverted.ShouldBe(["container.kill"]); // 'last' is the kill: the skipped step injected nothing
        Types().Count(t => t == GameDayJournal.Step).ShouldBe(4);
        terminal.Written.ShouldContain("runbook drill done; go on with commands, or quit");
        _run.Events.Single(e => e.Type == GameDayJournal.Note).Data["text"].ShouldBe("no breaker opened");
    }

    [Fact]
    public void Health_FromTheJournal_KillThenReadyAndBreakers()
    {
        StackContainer Member(string role, string alias) => new(role, alias, $"chaos-r-{alias}", alias, new Uri("http://127.0.0.1:1/"));
        var at = _time.GetUtcNow();
        RunEvent E(string type, params (string, object?)[] data) => new(at, 1, type, data.ToDictionary(d => d.Item1, d => d.Item2));

        var health = LiveStatusTracker.Health([Member("inference", "inference-1"), Member("inference", "inference-2"), Member("gateway", "gateway")],
        [
            E("docker.die", ("container", "chaos-r-inference-1"), ("action", "die")),
            E(Chaos.Observe.StackObserver.HealthEvent, ("member", "inference-2"), ("ready", false)),
            E(Chaos.Observe.StackObserver.HealthEvent, ("member", "inference-2"), ("ready", true)),
            E(Chaos.Observe.StackObserver.SignalEvent, ("source", "gateway"), ("replica", "http://inference-1:8080"), ("kind", "breaker-open")),
        ]);

        health.ShouldBe(
        [
            new MemberHealth("inference-1", "inference", "down", "open"),
            new MemberHealth("inference-2", "inference", "ready", null),
            new MemberHealth("gateway", "gateway", "ready", null),
        ]);
    }

    // The engine's event and the harness's failed probe of a stopped member race; whichever comes first, the member is down
    // (a two-region game day once showed "(pipeline NOT ready)" where the test waited for "(pipeline down)").
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Health_DieAndFailedProbeInEitherOrder_Down(bool probeFirst)
    {
        StackContainer Member(string role, string alias) => new(role, alias, $"chaos-r-{alias}", alias, new Uri("http://127.0.0.1:1/"));
        var at = _time.GetUtcNow();
        RunEvent E(string type, params (string, object?)[] data) => new(at, 1, type, data.ToDictionary(d => d.Item1, d => d.Item2));
        var die = E("docker.die", ("container", "chaos-r-pipeline"), ("action", "die"));
        var probe = E(Chaos.Observe.StackObserver.HealthEvent, ("member", "pipeline"), ("ready", false));

        var health = LiveStatusTracker.Health([Member("pipeline", "pipeline")], probeFirst ? [probe, die] : [die, probe]);

        health.ShouldHaveSingleItem().State.ShouldBe("down");
    }

    private string[] Types() => _run.Events.Select(e => e.Type).ToArray();

    private async Task<ScriptedTerminal> RunAsync(Runbook? runbook, params string[] lines)
    {
        var live = new LiveRun(_run, new LoadRecording(60), _time.GetTimestamp(), _time, InjectAsync, RevertAsync);
        var terminal = new ScriptedTerminal(lines);
        using var session = new GameDaySession(live, terminal, runbook, _time);
        await session.RunAsync(TestContext.Current.CancellationToken);
        return terminal;
    }

    private Task<FaultRecord> InjectAsync(FaultSpec fault, CancellationToken cancellationToken)
    {
        var record = new FaultRecord(fault.Kind, 0)
        {
            Injection = new FaultInjection(fault.Kind, [fault.Target.Role == "gateway" ? "gateway" : "inference-1"], true, "seen", _ => Task.FromResult(true)),
        };
        _run.Faults.Add(record);
        _run.Record(RunEvent.Types.FaultInjected, $"fault {fault.Kind} injected", ("kind", fault.Kind));
        return Task.FromResult(record);
    }

    private async Task RevertAsync(RunState run, FaultRecord record, CancellationToken cancellationToken)
    {
        record.Reverted = true;
        record.RevertConfirmed = await record.Injection!.RevertAsync(cancellationToken);
        _reverted.Add(record.Kind);
        run.Record(RunEvent.Types.FaultReverted, $"fault {record.Kind} reverted", ("kind", record.Kind));
    }
}
