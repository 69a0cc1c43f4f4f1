using Chaos.Faults;
using Chaos.Reporting;
using Chaos.Scenarios;
using Chaos.Targets;

namespace Chaos.Engine;

/// <summary>The fault timeline: inject at the scenario's times, verify, revert.</summary>
public sealed partial class ScenarioRunner
{
    private async Task RunFaultTimelineAsync(RunState run, DockerEngine engine, Task<long> measuredStart, CancellationToken cancellationToken)
    {
        if (run.Scenario.Faults.Count == 0)
        {
            return;
        }
        long start;
        try
        {
            start = await measuredStart.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        run.MeasuredStartSeconds = run.Clock.At(start);
        var random = new Random(run.Seed);
        // One timeline of actions: each fault is injected at its time, and one with a duration is reverted after it.
        var injected = new Dictionary<FaultSpec, FaultRecord>();
        var actions = run.Scenario.Faults.Select(f => (At: f.At, Fault: f, Revert: false))
            .Concat(run.Scenario.Faults.Where(f => f.Duration is not null).Select(f => (At: f.At + f.Duration!.Value, Fault: f, Revert: true)))
            .OrderBy(a => a.At).ThenBy(a => a.Revert ? 0 : 1)
            .ToList();
        foreach (var (at, fault, revert) in actions)
        {
            var wait = at - _time.GetElapsedTime(start);
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (!revert)
            {
                injected[fault] = await InjectAsync(run, engine, fault, random, cancellationToken);
            }
            else if (injected.TryGetValue(fault, out var record))
            {
                // Not cut short by a cancellation: a revert that began runs to its own budget.
                await RevertAsync(run, record, CancellationToken.None);
            }
        }
    }

    private async Task<FaultRecord> InjectAsync(RunState run, DockerEngine engine, FaultSpec fault, Random random, CancellationToken cancellationToken)
    {
        var injectedAt = run.Clock.Now;
        var record = new FaultRecord(fault.Kind, injectedAt - run.MeasuredStartSeconds) { TargetRegion = fault.Target.Region };
        run.Faults.Add(record);
        try
        {
            var context = new FaultContext(engine, run.Stack!.Members, fault.Target, random, _time)
            {
                Spec = fault,
                Client = run.Client,
                AdminToken = run.Stack.AdminToken,
                Network = run.Stack.NetworkName,
                Corruption = run.Corruption,
                Drift = run.Drift,
                Writes = run.Writes,
                Replication = run.Replication,
                TrainingResumes = run.TrainingResumes,
                FeedTampering = run.Stack.Pipeline is null ? null : run.FeedTampering,
            };
            var injection = await FaultCatalog.Create(fault.Kind).InjectAsync(context, cancellationToken);
            record.Injection = injection;
            // The fault took effect when the call began, not when the engine answered (a kill can take seconds to return),
            // unless the fault prepared something first and says when its effect began.
            injectedAt += injection.EffectDelay.TotalSeconds;
            record.StartSeconds += injection.EffectDelay.TotalSeconds;
            run.RecordAt(injectedAt, RunEvent.Types.FaultInjected, $"fault {fault.Kind} injected into {string.Join(", ", injection.Targets)}",
                ("kind", fault.Kind), ("targets", injection.Targets), ("atSeconds", Math.Round(record.StartSeconds, 3)));
            run.Record(injection.Verified ? RunEvent.Types.FaultVerified : RunEvent.Types.FaultFailed,
                $"fault {fault.Kind} {(injection.Verified ? "verified" : "NOT verified")}: {injection.Observation}",
                ("kind", fault.Kind), ("verified", injection.Verified), ("observation", injection.Observation));
        }
        catch (Exception exception) when (exception is FaultTargetException or Docker.DotNet.DockerApiException or HttpRequestException)
        {
            record.Error = exception.Message;
            run.Record(RunEvent.Types.FaultFailed, $"fault {fault.Kind} failed: {exception.Message}", ("kind", fault.Kind), ("error", exception.Message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A guardrail trip or Ctrl-C while the fault was being injected: the run's verdict says why, not this.
            record.Error = "aborted while being injected";
            run.Record(RunEvent.Types.FaultFailed, $"fault {fault.Kind} aborted while being injected", ("kind", fault.Kind), ("error", record.Error));
        }
        return record;
    }

    private static async Task RevertFaultsAsync(RunState run)
    {
        // One after another (two faults can touch one container), each within its own budget.
        foreach (var record in run.Faults.ToList())
        {
            await RevertAsync(run, record, CancellationToken.None);
        }
    }

    // Once per fault: at the end of its duration, at the end of the load, on a guardrail trip or on cancellation.
    private static async Task RevertAsync(RunState run, FaultRecord record, CancellationToken cancellationToken)
    {
        lock (record)
        {
            if (record.Injection is null || record.Reverted)
            {
                return;
            }
            record.Reverted = true;
        }
        bool confirmed;
        try
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(record.Injection.RevertBudget);
            confirmed = await record.Injection.RevertAsync(budget.Token);
        }
        catch (Exception exception) when (exception is Docker.DotNet.DockerApiException or HttpRequestException or OperationCanceledException or System.Text.Json.JsonException or ObjectDisposedException)
        {
            confirmed = false;
            run.Record(RunEvent.Types.Error, $"revert of {record.Kind} failed: {exception.Message}", ("kind", record.Kind));
        }
        record.RevertConfirmed = confirmed;
        run.Record(RunEvent.Types.FaultReverted, $"fault {record.Kind} reverted{(confirmed ? "" : " (NOT confirmed)")}",
            ("kind", record.Kind), ("confirmed", confirmed));
    }
}
