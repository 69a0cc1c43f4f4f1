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
        foreach (var fault in run.Scenario.Faults.OrderBy(f => f.At))
        {
            var wait = fault.At - _time.GetElapsedTime(start);
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
            await InjectAsync(run, engine, fault, random, cancellationToken);
        }
    }

    private async Task InjectAsync(RunState run, DockerEngine engine, FaultSpec fault, Random random, CancellationToken cancellationToken)
    {
        var injectedAt = run.Clock.Now;
        var record = new FaultRecord(fault.Kind, injectedAt - run.MeasuredStartSeconds);
        run.Faults.Add(record);
        try
        {
            var context = new FaultContext(engine, run.Stack!.Members, fault.Target, random, _time);
            var injection = await FaultCatalog.Create(fault.Kind).InjectAsync(context, cancellationToken);
            record.Injection = injection;
            // The fault took effect when the call began, not when the engine answered (a kill can take seconds to return).
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
    }

    private static async Task RevertFaultsAsync(RunState run)
    {
        using var revert = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var record in run.Faults.Where(f => f.Injection is not null && !f.Reverted))
        {
            record.Reverted = true;
            var confirmed = await record.Injection!.RevertAsync(revert.Token);
            record.RevertConfirmed = confirmed;
            run.Record(RunEvent.Types.FaultReverted, $"fault {record.Kind} reverted{(confirmed ? "" : " (NOT confirmed)")}",
                ("kind", record.Kind), ("confirmed", confirmed));
        }
    }
}
