using Chaos.Engine;
using Chaos.Scenarios;

namespace Chaos.GameDay;

/// <summary>The runbook walk: each step is shown, done on Enter or y (skipped on n), and its expected observation confirmed.</summary>
public sealed partial class GameDaySession
{
    private int _step;
    private bool _awaitingObservation;

    private bool InRunbook => _runbook is not null && _step < _runbook.Steps.Count;

    private RunbookStep Current => _runbook!.Steps[_step];

    private void BeginStep()
    {
        if (_runbook is null)
        {
            _terminal.SetPrompt("chaos> ");
            return;
        }
        if (!InRunbook)
        {
            _terminal.Write($"runbook {_runbook.Name} done; go on with commands, or quit");
            _terminal.SetPrompt("chaos> ");
            return;
        }
        var step = Current;
        _awaitingObservation = false;
        var title = step.Title ?? step.Describe();
        _run.Record(GameDayJournal.Step, $"step {step.Number}/{_runbook.Steps.Count}: {title}",
            ("step", step.Number), ("title", title), ("does", step.Describe()), ("expect", step.Expect));
        _terminal.Write($"step {step.Number}/{_runbook.Steps.Count}: {title}");
        _terminal.Write($"  {step.Describe()}");
        if (step.Expect is not null)
        {
            _terminal.Write($"  expect: {step.Expect}");
        }
        _terminal.SetPrompt(step.Action is not null
            ? $"step {step.Number}: Enter or y when done, n if it could not be done> "
            : $"step {step.Number}: Enter or y to run it, n to skip> ");
    }

    private async Task AnswerStepAsync(GameDayCommand.Confirm answer, CancellationToken cancellationToken)
    {
        var step = Current;
        if (_awaitingObservation)
        {
            _run.Record(GameDayJournal.StepConfirmed,
                $"step {step.Number}: expected observation {(answer.AsExpected ? "CONFIRMED" : "NOT seen")}: {step.Expect}",
                ("step", step.Number), ("asExpected", answer.AsExpected), ("expect", step.Expect));
            Advance();
            return;
        }
        if (!answer.AsExpected)
        {
            _run.Record(GameDayJournal.StepConfirmed, $"step {step.Number}: {(step.Action is null ? "skipped" : "could not be done")}",
                ("step", step.Number), ("done", false));
            Advance();
            return;
        }
        await PerformAsync(step, cancellationToken);
        if (step.Expect is null)
        {
            _run.Record(GameDayJournal.StepConfirmed, $"step {step.Number}: done", ("step", step.Number), ("done", true));
            Advance();
            return;
        }
        _awaitingObservation = true;
        _terminal.Write($"  did you see it? {step.Expect}");
        _terminal.SetPrompt($"step {step.Number}: y if seen as expected, n if not (note <text> to say what you saw)> ");
    }

    private void Advance()
    {
        _step++;
        BeginStep();
    }

    private async Task PerformAsync(RunbookStep step, CancellationToken cancellationToken)
    {
        if (step.Inject is not null)
        {
            await InjectAsync(step.Inject, $"step {step.Number}: inject {step.Inject.Kind}", cancellationToken);
        }
        else if (step.Revert is not null)
        {
            _run.Record(GameDayJournal.Command, $"step {step.Number}: revert {step.Revert}", ("command", $"revert {step.Revert}"));
            await RevertAsync(step.Revert);
        }
        else if (step.Check is not null)
        {
            var (held, observed) = await CheckAsync(step.Check, cancellationToken);
            _run.Record(GameDayJournal.Check, $"step {step.Number}: check {step.Check.Describe()}: {(held ? "held" : "BROKEN")} ({observed})",
                ("step", step.Number), ("check", step.Check.Describe()), ("held", held), ("observed", observed));
            _terminal.Write($"  check {step.Check.Describe()}: {(held ? "held" : "BROKEN")} ({observed})");
        }
        else
        {
            _run.Record(GameDayJournal.StepConfirmed, $"step {step.Number}: action done: {step.Action}", ("step", step.Number), ("action", step.Action));
        }
    }

    private async Task<(bool Held, string Observed)> CheckAsync(RunbookCheck check, CancellationToken cancellationToken)
    {
        if (check.ProbePath is not null)
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                var result = await SteadyStateProbe.CheckAsync(_run.Client, _run.FrontDoor, new ProbeSpec { Path = check.ProbePath, Expect = check.Expect }, bound.Token);
                return (result.Held, result.Observed);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (false, "no answer within 10 s");
            }
        }
        var status = await _tracker.SnapshotAsync(cancellationToken);
        return check.Slo switch
        {
            "availability" => status.Availability is { } a
                ? (a >= status.AvailabilityTarget, $"availability {a:P3} against >= {status.AvailabilityTarget:P2}")
                : (false, "no settled second yet"),
            "latency" => status.LatencyFractionUnder is { } under && status.LatencyFractionTarget is { } target
                ? (under >= target, $"{under:P2} under {status.LatencyThresholdMs:0} ms against >= {target:P2}")
                : (false, "no latency SLO or no answer yet"),
            _ => status.BurnRateOverall is { } burn
                ? (burn <= (_run.Scenario.Slos.ErrorBudgetBurn?.Value ?? 1), $"burn rate {burn:0.##} against <= {_run.Scenario.Slos.ErrorBudgetBurn?.Value ?? 1:0.##}")
                : (false, "no settled second yet"),
        };
    }
}
