using System.Net;
using System.Security.Cryptography;
using Chaos.Faults;
using Chaos.Load;
using Chaos.Observe;
using Chaos.Reporting;
using Chaos.Scenarios;
using Chaos.Slo;
using Chaos.Targets;

namespace Chaos.Engine;

/// <summary>
/// Runs one scenario end to end: stack up, steady state before, open-model load with the fault timeline, steady
/// state after, SLO scoring, teardown (always, also on cancellation), reports. Usable as a library from a test.
/// </summary>
public sealed partial class ScenarioRunner
{
    private readonly TimeProvider _time;

    public ScenarioRunner(TimeProvider time) => _time = time;

    /// <summary>Runs the scenario. Throws <see cref="EngineUnavailableException"/> when no verdict is possible at all.</summary>
    public async Task<RunSummary> RunAsync(Scenario scenario, RunOptions options, CancellationToken cancellationToken)
    {
        var variantName = options.Variant ?? scenario.Stack.Variant;
        if (!StackVariant.All.TryGetValue(variantName, out var variant))
        {
            throw new ArgumentException($"unknown variant '{variantName}'; known: {string.Join(", ", StackVariant.All.Keys)}");
        }
        variant = variant.WithReplicas(scenario.Stack.Replicas);
        var seed = options.Seed ?? scenario.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var image = options.Image ?? StackImage.ResolveDefault()
            ?? throw new EngineUnavailableException("no stack image is known; run scripts/bootstrap.sh (./chaos does it for you)");

        using var engine = new DockerEngine();
        await engine.EnsureReachableAsync(cancellationToken);

        var clock = new RunClock(_time);
        var runId = RunIds.New(_time);
        var directory = Path.GetFullPath(Path.Combine(options.ReportsRoot, runId));
        Directory.CreateDirectory(directory);
        var run = new RunState(scenario, variant, seed, runId, directory, clock, options.Progress);
        await using (run.Journal = new JournalWriter(Path.Combine(directory, "journal.jsonl")))
        {
            run.Record(RunEvent.Types.RunStarted, $"run {runId}: {scenario.Name} on variant {variant.Name}, seed {seed}",
                ("scenario", scenario.Name), ("variant", variant.Name), ("seed", seed), ("image", image), ("runId", runId));
            try
            {
                await ExecuteAsync(run, engine, image, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                run.Cancelled = true;
                run.Record(RunEvent.Types.RunCancelled, "cancelled: reverting faults and removing the stack");
            }
            catch (Exception exception) when (exception is not EngineUnavailableException)
            {
                run.Error = exception.Message;
                run.Record(RunEvent.Types.Error, $"error: {exception.Message}", ("exception", exception.GetType().Name));
            }
            finally
            {
                await TeardownAsync(run, engine);
            }
            var summary = await FinishAsync(run, options);
            return summary;
        }
    }

    private async Task ExecuteAsync(RunState run, DockerEngine engine, string image, CancellationToken cancellationToken)
    {
        var reaped = await engine.ReapStaleRunsAsync(cancellationToken);
        if (reaped.Count > 0)
        {
            run.Record("stack.reaped", $"removed leftovers of {reaped.Count} earlier run(s) whose process is gone", ("runs", reaped));
        }

        var upStart = run.Clock.Now;
        run.Stack = await DockerStack.StartAsync(engine, new StackOptions(image, run.RunId, run.Variant), cancellationToken);
        run.Record(RunEvent.Types.StackUp,
            $"stack up in {run.Clock.Now - upStart:F1} s: {run.Stack.Members.Count} containers, front door {run.Stack.FrontDoor}",
            ("seconds", Math.Round(run.Clock.Now - upStart, 2)), ("frontDoor", run.Stack.FrontDoor.ToString()),
            ("members", run.Stack.Members.Select(m => m.Alias).ToList()));

        using var client = CreateClient(run.Scenario.Load);
        var replica = run.Stack.Members.FirstOrDefault(m => m.Role == "inference");
        if (replica is not null)
        {
            run.Provider = await StackMetadata.ProviderAsync(client, replica.HostUrl, "credit", cancellationToken);
        }
        using var observing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var observers = StartObservers(run, engine, client, observing.Token);
        try
        {
            await ExerciseAsync(run, engine, client, cancellationToken);
        }
        finally
        {
            await observing.CancelAsync();
            await observers;
        }
    }

    // Observers share the run clock with the load: breaker transitions, readiness as the harness sees it, engine events.
    private Task StartObservers(RunState run, DockerEngine engine, HttpClient client, CancellationToken cancellationToken)
    {
        var observer = new StackObserver(client, _time);
        var maxTicks = (int)(run.Scenario.Load.Warmup + run.Scenario.Load.Duration).TotalSeconds + 120;
        var stack = observer.RunAsync(() => run.Stack!.Members, (type, message, data) =>
        {
            // A signal that carries its own time (the controller's events) goes on the run clock at that time, not when it was read.
            var seconds = data.TryGetValue("at", out var at) && DateTimeOffset.TryParse(at as string, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var when)
                ? Math.Min(run.Clock.Now, (when - run.Clock.StartedAt).TotalSeconds)
                : run.Clock.Now;
            run.RecordAt(seconds, type, message, [.. data.Select(d => (d.Key, d.Value))]);
        }, maxTicks, cancellationToken);
        var events = engine.WatchEventsAsync(run.RunId, (action, name, role) =>
        {
            run.Record($"docker.{action}", $"engine: {name.TrimStart('/')} {action}", ("container", name.TrimStart('/')), ("role", role), ("action", action));
            if (action == "start")
            {
                // A container the controller started (a replacement or a scale-out): learn its id and published port.
                _ = run.Stack!.RefreshMembersAsync(cancellationToken).ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            }
        }, cancellationToken);
        return Task.WhenAll(stack, events);
    }

    private async Task ExerciseAsync(RunState run, DockerEngine engine, HttpClient client, CancellationToken cancellationToken)
    {
        run.SteadyBefore = await CheckSteadyStateAsync(run, client, "before", cancellationToken);
        if (!run.SteadyBefore)
        {
            return;
        }

        var plan = new LoadPlan(run.Scenario.Load.RatePerSecond, run.Scenario.Load.Warmup, run.Scenario.Load.Duration,
            run.Scenario.Load.MaxInFlight, run.Scenario.Load.Timeout) { Profile = run.Scenario.Load.Profile };
        run.Predictions = new CreditPredictionRecorder(run.Seed);
        var generator = new OpenModelLoadGenerator(client, new CreditRequestFactory(run.Stack!.FrontDoor, "credit", run.Seed), _time, run.Predictions);
        var recording = new LoadRecording(plan.MeasuredSeconds);
        var measuredStart = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var faultsCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopLoad = new CancellationTokenSource();
        run.Record(RunEvent.Types.LoadStarted,
            $"load: {plan.Profile.Kind} {plan.MeanMeasuredRate:0.#}/s on average for {plan.Duration.TotalSeconds:0.#} s after {plan.Warmup.TotalSeconds:0.#} s warm-up ({plan.TotalRequests} requests at most)",
            ("rate", plan.RatePerSecond), ("durationSeconds", plan.Duration.TotalSeconds), ("warmupSeconds", plan.Warmup.TotalSeconds));
        var faults = RunFaultTimelineAsync(run, engine, measuredStart.Task, faultsCancellation.Token);
        var guardrails = WatchGuardrailsAsync(run, recording, measuredStart.Task, stopLoad, faultsCancellation, faultsCancellation.Token);
        var progress = ReportLoadProgressAsync(run, recording, measuredStart.Task, faultsCancellation.Token);
        var load = await generator.RunAsync(plan, recording, t => measuredStart.TrySetResult(t), stopLoad.Token, cancellationToken);
        measuredStart.TrySetCanceled(cancellationToken);
        await faultsCancellation.CancelAsync();
        await Task.WhenAll(faults, guardrails, progress);
        run.Load = load with { MeasuredStartSeconds = run.MeasuredStartSeconds };
        run.Record(RunEvent.Types.LoadFinished,
            $"load done: {run.Load.Intended} intended, {run.Load.Successful} successful, achieved {run.Load.AchievedRatePerSecond:F1}/s, scheduling lag p99 {run.Load.SchedulingLagP99Micros / 1000.0:F1} ms",
            ("intended", run.Load.Intended), ("successful", run.Load.Successful),
            ("achievedRate", Math.Round(run.Load.AchievedRatePerSecond, 2)), ("schedulingLagP99Ms", run.Load.SchedulingLagP99Micros / 1000.0));

        await RevertFaultsAsync(run);
        run.SteadyAfter = await CheckSteadyStateAsync(run, client, "after", cancellationToken);
    }

    // Every 5 s of the measured window, one plain line (fit for a terminal and a CI log) with the last 5 seconds' numbers.
    private async Task ReportLoadProgressAsync(RunState run, LoadRecording recording, Task<long> measuredStart, CancellationToken cancellationToken)
    {
        if (run.Progress is null)
        {
            return;
        }
        const int every = 5;
        try
        {
            var start = await measuredStart.WaitAsync(cancellationToken);
            for (var upTo = every; upTo <= recording.Intervals.Count; upTo += every)
            {
                var wait = TimeSpan.FromSeconds(upTo + 1) - _time.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken);
                }
                var last = Enumerable.Range(upTo - every, every).Select(recording.Snapshot).ToList();
                var total = last.Sum(i => i.Total);
                var ok = last.Sum(i => i.Successful);
                var p99 = last.Max(i => i.P99Micros) is { } micros ? $"{micros / 1000.0:0.#} ms" : "-";
                run.Progress.Report($"[{run.Clock.Now,7:F1}s]   window {upTo - every,3}-{upTo,3}s: {total / (double)every:0.#}/s, " +
                    $"successful {(total == 0 ? 0 : 100.0 * ok / total):0.##}%, worst p99 {p99}");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // A guardrail looks at settled seconds only (every request answered or timed out), once a second, and on a trip
    // stops the load and the fault timeline; the faults are then reverted like at the end of any run.
    private async Task WatchGuardrailsAsync(RunState run, LoadRecording recording, Task<long> measuredStart, CancellationTokenSource stopLoad,
        CancellationTokenSource stopFaults, CancellationToken cancellationToken)
    {
        if (run.Scenario.Guardrails.Count == 0)
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
        var settle = run.Scenario.Load.Timeout + TimeSpan.FromMilliseconds(500);
        var seconds = recording.Intervals.Count;
        for (var tick = 1; tick <= seconds + 60 && !cancellationToken.IsCancellationRequested; tick++)
        {
            try
            {
                var wait = TimeSpan.FromSeconds(tick) - _time.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var settled = (int)Math.Clamp(Math.Floor((_time.GetElapsedTime(start) - settle).TotalSeconds), 0, seconds);
            var snapshots = Enumerable.Range(0, settled).Select(recording.Snapshot).ToList();
            foreach (var guardrail in run.Scenario.Guardrails)
            {
                if (GuardrailEvaluator.Check(guardrail, snapshots) is { } trip)
                {
                    run.Trip = trip;
                    run.Record("guardrail.tripped", $"GUARDRAIL tripped: {trip.Describe()}; aborting the load and reverting the faults",
                        ("metric", trip.Metric), ("limit", trip.Limit), ("fromSecond", trip.FromSecond), ("toSecond", trip.ToSecond), ("value", trip.LastValue));
                    await stopLoad.CancelAsync();
                    await stopFaults.CancelAsync();
                    return;
                }
            }
        }
    }

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

    private static async Task<bool> CheckSteadyStateAsync(RunState run, HttpClient client, string phase, CancellationToken cancellationToken)
    {
        var allHeld = true;
        foreach (var probe in run.Scenario.SteadyState)
        {
            var result = await SteadyStateProbe.CheckAsync(client, run.Stack!.FrontDoor, probe, cancellationToken);
            allHeld &= result.Held;
            run.Record(RunEvent.Types.SteadyStateChecked,
                $"steady state {phase}: {result.Description} {(result.Held ? "held" : "BROKEN")}",
                ("phase", phase), ("probe", probe.Kind), ("path", probe.Path), ("held", result.Held), ("observed", result.Observed));
        }
        return allHeld;
    }

    private static HttpClient CreateClient(LoadSpec load) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Math.Max(1, load.MaxInFlight),
        ConnectTimeout = load.Timeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private static async Task TeardownAsync(RunState run, DockerEngine engine)
    {
        await RevertFaultsAsync(run);
        var start = run.Clock.Now;
        IReadOnlyList<string> leftovers;
        try
        {
            leftovers = run.Stack is not null
                ? await run.Stack.TeardownAsync()
                : await engine.RemoveRunAsync(run.RunId, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            leftovers = [$"teardown failed: {exception.Message}"];
        }
        run.Leftovers = leftovers;
        run.Record(RunEvent.Types.StackDown,
            leftovers.Count == 0 ? $"stack removed in {run.Clock.Now - start:F1} s, nothing left behind" : $"LEFT BEHIND: {string.Join(", ", leftovers)}",
            ("seconds", Math.Round(run.Clock.Now - start, 2)), ("leftovers", leftovers));
    }
}
