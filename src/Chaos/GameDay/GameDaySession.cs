using Chaos.Engine;
using Chaos.Scenarios;

namespace Chaos.GameDay;

/// <summary>
/// The game day's console while the load runs: reads commands (or walks a runbook), injects and reverts faults through the
/// run, writes notes and hypotheses to the journal, and keeps the panel fresh. It ends on quit, at the end of input, when asked
/// (Ctrl-C) or when the load ends; the run then reverts every fault, removes the stack and writes the reports.
/// </summary>
public sealed partial class GameDaySession : IDisposable
{
    private static readonly TimeSpan FaultCallBound = TimeSpan.FromSeconds(60);
    private readonly LiveRun _run;
    private readonly IGameDayTerminal _terminal;
    private readonly Runbook? _runbook;
    private readonly TimeProvider _time;
    private readonly FaultBook _faults = new();
    private readonly LiveStatusTracker _tracker;
    private readonly CancellationTokenSource _quit = new();
    private readonly List<Task> _timedReverts = [];
    private string _endReason = "the load reached its maximum duration";

    public GameDaySession(LiveRun run, IGameDayTerminal terminal, Runbook? runbook, TimeProvider time)
    {
        _run = run;
        _terminal = terminal;
        _runbook = runbook;
        _time = time;
        _tracker = new LiveStatusTracker(run, _faults);
    }

    public void Dispose()
    {
        _quit.Dispose();
        _tracker.Dispose();
    }

    /// <summary>Ends the session as <c>quit</c> would (Ctrl-C): the run then reverts, tears down and reports.</summary>
    public void RequestQuit(string reason)
    {
        _endReason = reason;
        try
        {
            _quit.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session had ended already.
        }
    }

    /// <summary>Runs until quit, end of input, <see cref="RequestQuit"/> or <paramref name="loadEnded"/>.</summary>
    public async Task RunAsync(CancellationToken loadEnded)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(loadEnded, _quit.Token);
        _run.Record(GameDayJournal.Started, _runbook is null
                ? "game day started: type 'help' for the commands"
                : $"game day started with runbook {_runbook.Name} ({_runbook.Steps.Count} steps)",
            ("runbook", _runbook?.Name), ("maxSeconds", _run.Scenario.Load.Duration.TotalSeconds), ("rate", _run.Scenario.Load.RatePerSecond));
        var status = RefreshStatusAsync(session.Token);
        try
        {
            BeginStep();
            await ReadCommandsAsync(session.Token);
        }
        finally
        {
            _terminal.SetPrompt("game day over: reverting the faults, removing the stack, writing the reports ... ");
            _run.Record(GameDayJournal.Ended, $"game day ended: {_endReason}; reverting every fault, removing the stack, writing the reports",
                ("reason", _endReason));
            await session.CancelAsync();
            await status;
            await Task.WhenAll(_timedReverts);
        }
    }

    private async Task ReadCommandsAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            string? line;
            try
            {
                line = await _terminal.ReadLineAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (line is null)
            {
                _endReason = "end of input";
                return;
            }
            var (command, error) = GameDayCommandParser.Parse(line, InRunbook);
            if (error is not null)
            {
                _terminal.Write($"error: {error}");
                _run.Record(GameDayJournal.CommandRejected, $"command rejected: {line.Trim()}: {error}", ("command", line.Trim()), ("error", error));
                continue;
            }
            if (command is GameDayCommand.Quit)
            {
                _run.Record(GameDayJournal.Command, $"command: {command.Text}", ("command", command.Text));
                _endReason = "quit";
                return;
            }
            if (command is not null)
            {
                try
                {
                    await ExecuteAsync(command, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private async Task ExecuteAsync(GameDayCommand command, CancellationToken cancellationToken)
    {
        if (command is not (GameDayCommand.Inject or GameDayCommand.Confirm))
        {
            _run.Record(GameDayJournal.Command, $"command: {command.Text}", ("command", command.Text));
        }
        switch (command)
        {
            case GameDayCommand.Inject inject:
                await InjectAsync(inject.Fault, command.Text, cancellationToken);
                break;
            case GameDayCommand.Revert revert:
                await RevertAsync(revert.Id ?? "all");
                break;
            case GameDayCommand.Note note:
                _run.Record(GameDayJournal.Note, $"note: {note.Message}", ("text", note.Message));
                _terminal.Write($"noted at {_run.MeasuredSeconds:F0} s");
                break;
            case GameDayCommand.Hypothesis hypothesis:
                _run.Record(GameDayJournal.Hypothesis, $"hypothesis {(hypothesis.Held ? "HELD" : "BROKEN")}: {hypothesis.Statement}",
                    ("statement", hypothesis.Statement), ("held", hypothesis.Held));
                _terminal.Write($"hypothesis recorded as {(hypothesis.Held ? "held" : "broken")}");
                break;
            case GameDayCommand.Status:
                foreach (var line in LiveStatusText.Lines(await _tracker.SnapshotAsync(cancellationToken)))
                {
                    _terminal.Write(line);
                }
                break;
            case GameDayCommand.Help:
                foreach (var line in GameDayCommandParser.Usage.Split('\n'))
                {
                    _terminal.Write(line.TrimEnd());
                }
                break;
            case GameDayCommand.Confirm confirm:
                await AnswerStepAsync(confirm, cancellationToken);
                break;
        }
    }

    private async Task<FaultRecord?> InjectAsync(FaultSpec fault, string text, CancellationToken sessionEnded)
    {
        var target = fault.Target.Role.Length == 0
            ? $"{{ region: {fault.Target.Region} }}"
            : $"{{ role: {fault.Target.Role}{(fault.Target.Region is { } region ? $", region: {region}" : "")}, pick: {fault.Target.Pick} }}";
        _terminal.Write($"injecting {fault.Kind} into {target} ...");
        var injectedAt = _run.Clock.Now;
        // A fault call in flight runs to its end even when the session is asked to stop (Ctrl-C): cut short, its injection
        // would be unknown to the run and so never reverted. Its own bound keeps it from hanging.
        using var bound = new CancellationTokenSource(FaultCallBound);
        FaultRecord record;
        try
        {
            record = await _run.InjectAsync(fault, bound.Token);
        }
        catch (OperationCanceledException)
        {
            _terminal.Write($"error: {fault.Kind} did not finish within {FaultCallBound.TotalSeconds:0} s; the stack's removal at the end undoes whatever took effect");
            return null;
        }
        var id = _faults.Add(record, injectedAt);
        _run.Record(GameDayJournal.Command, $"command: {text} -> {id}", ("command", text), ("faultId", id), ("verified", record.Verified), ("error", record.Error));
        _terminal.Write(record.Error is not null
            ? $"{id}: {fault.Kind} FAILED: {record.Error}"
            : $"{id}: {fault.Kind} into {string.Join(", ", record.Injection!.Targets)}: {(record.Verified ? "verified" : "NOT verified")} ({record.Injection.Observation})");
        if (fault.Duration is { } duration && record.Injection is not null)
        {
            _timedReverts.Add(RevertAfterAsync(id, duration, sessionEnded));
        }
        return record;
    }

    private async Task RevertAfterAsync(string id, TimeSpan duration, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(duration, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await RevertAsync(id);
    }

    private async Task RevertAsync(string which)
    {
        var records = which == "all" ? _faults.ActiveRecords() : _faults.Find(which) is { } found ? [found] : [];
        if (records.Count == 0)
        {
            _terminal.Write(which == "all" ? "no active fault to revert" : $"error: no fault '{which}'; active: {ActiveIds()}");
            return;
        }
        foreach (var record in records)
        {
            var id = _faults.IdOf(record);
            if (record.Reverted)
            {
                _terminal.Write($"{id} was reverted already");
                continue;
            }
            if (record.Injection is null)
            {
                record.Reverted = true;
                _terminal.Write($"{id}: {record.Kind} never took effect; nothing to revert");
                continue;
            }
            // Bounded by the fault's own revert budget.
            await _run.RevertAsync(record, CancellationToken.None);
            _terminal.Write($"{id}: {record.Kind} reverted{(record.RevertConfirmed ? " (confirmed)" : " (NOT confirmed)")}");
        }
    }

    private string ActiveIds() => _faults.Active(0) is { Count: > 0 } active ? string.Join(", ", active.Select(f => f.Id)) : "none";

    private async Task RefreshStatusAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                _terminal.Show(await _tracker.SnapshotAsync(cancellationToken));
                await Task.Delay(_terminal.StatusEvery, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
