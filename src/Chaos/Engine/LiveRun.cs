using Chaos.Load;
using Chaos.Reporting;
using Chaos.Scenarios;
using Chaos.Targets;

namespace Chaos.Engine;

/// <summary>
/// A run while its load is on, as a live console (the game day) sees it: the load's seconds so far, the stack's members, the
/// journal; faults are injected and reverted through the same code as a scenario's timeline.
/// </summary>
public sealed class LiveRun
{
    private readonly RunState _run;
    private readonly long _measuredStart;
    private readonly TimeProvider _time;
    private readonly Func<FaultSpec, CancellationToken, Task<FaultRecord>> _inject;
    private readonly Func<RunState, FaultRecord, CancellationToken, Task> _revert;

    internal LiveRun(RunState run, LoadRecording recording, long measuredStart, TimeProvider time,
        Func<FaultSpec, CancellationToken, Task<FaultRecord>> inject, Func<RunState, FaultRecord, CancellationToken, Task> revert)
    {
        _run = run;
        Recording = recording;
        _measuredStart = measuredStart;
        _time = time;
        _inject = inject;
        _revert = revert;
    }

    public string RunId => _run.RunId;
    public string Directory => _run.Directory;
    public Scenario Scenario => _run.Scenario;
    public RunClock Clock => _run.Clock;
    public LoadRecording Recording { get; }
    public IReadOnlyList<StackContainer> Members => _run.Stack?.Members ?? [];
    public Uri FrontDoor => _run.Stack?.FrontDoor ?? new Uri("http://127.0.0.1/");
    public HttpClient Client => _run.Client ?? throw new InvalidOperationException("the run has no HTTP client yet");
    public IReadOnlyList<RunEvent> Events => _run.Events;
    public string Provider => _run.Provider;
    /// <summary>Which region answered each measured request; null with one region.</summary>
    public Load.RegionAnswerLog? RegionAnswers => _run.RegionAnswers;

    /// <summary>Seconds since the measured window opened.</summary>
    public double MeasuredSeconds => _time.GetElapsedTime(_measuredStart).TotalSeconds;

    /// <summary>Writes an event to the journal at once.</summary>
    public void Record(string type, string message, params (string Key, object? Value)[] data) => _run.Record(type, message, data);

    /// <summary>Injects a fault as a scenario's timeline would (journal records, verification); its record says how it went.</summary>
    internal Task<FaultRecord> InjectAsync(FaultSpec fault, CancellationToken cancellationToken) => _inject(fault, cancellationToken);

    /// <summary>Reverts a fault once (a second revert does nothing), recording the outcome in the journal.</summary>
    internal Task RevertAsync(FaultRecord record, CancellationToken cancellationToken) => _revert(_run, record, cancellationToken);
}
