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
        variant = variant.WithReplicas(scenario.Stack.Replicas).WithReplicaCpus(scenario.Stack.ReplicaCpus);
        var seed = options.Seed ?? scenario.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var image = options.Image ?? StackImage.ResolveDefault()
            ?? throw new EngineUnavailableException("no stack image is known; run scripts/bootstrap.sh (./chaos does it for you)");

        using var engine = new DockerEngine();
        await engine.EnsureReachableAsync(cancellationToken);

        var clock = new RunClock(_time);
        var runId = RunIds.New(_time);
        var directory = Path.GetFullPath(Path.Combine(options.ReportsRoot, runId));
        Directory.CreateDirectory(directory);
        var run = new RunState(scenario, variant, seed, runId, directory, clock, options.Progress) { Live = options.Live, Status = options.Status };
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
        run.Stack = await DockerStack.StartAsync(engine, new StackOptions(image, run.RunId, run.Variant)
        {
            FaultProxies = run.Scenario.Faults.Any(f => Faults.NetworkProxy.ProxyFaultSwitch.Kinds.Contains(f.Kind)),
            DependencyProxies = run.Scenario.Faults.Any(f => f.Kind == Faults.DependencySlow.DependencySlowFault.Name),
            Pipeline = NeedsPipeline(run.Scenario),
            StandbyRegion = run.Scenario.Stack.HasStandbyRegion,
        }, cancellationToken);
        run.Record(RunEvent.Types.StackUp,
            $"stack up in {run.Clock.Now - upStart:F1} s: {run.Stack.Members.Count} containers, front door {run.Stack.FrontDoor}",
            ("seconds", Math.Round(run.Clock.Now - upStart, 2)), ("frontDoor", run.Stack.FrontDoor.ToString()),
            ("members", run.Stack.Members.Select(m => m.Alias).ToList()));

        var handler = LoadHandler.Create(run.Scenario.Load.MaxInFlight, run.Scenario.Load.Timeout);
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        // The load's own sends skip HttpClient's per-request plumbing (see OpenModelLoadGenerator) but share its handler,
        // so the connection bound holds for both; the client disposes the handler.
        using var loadInvoker = new HttpMessageInvoker(handler, disposeHandler: false);
        run.Client = client;
        var replica = run.Stack.Members.FirstOrDefault(m => m.Role == "inference");
        if (replica is not null)
        {
            run.Provider = await StackMetadata.ProviderAsync(client, replica.HostUrl, "credit", cancellationToken);
        }
        using var observing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var observers = StartObservers(run, engine, client, observing.Token);
        try
        {
            await ExerciseAsync(run, engine, client, loadInvoker, cancellationToken);
        }
        finally
        {
            // Faults are undone while the client they may need (the gateway's admin API) still exists, whatever happened.
            await RevertFaultsAsync(run);
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

    private async Task ExerciseAsync(RunState run, DockerEngine engine, HttpClient client, HttpMessageInvoker loadInvoker, CancellationToken cancellationToken)
    {
        run.SteadyBefore = await CheckSteadyStateAsync(run, client, "before", cancellationToken);
        if (!run.SteadyBefore)
        {
            return;
        }

        var plan = new LoadPlan(run.Scenario.Load.RatePerSecond, run.Scenario.Load.Warmup, run.Scenario.Load.Duration,
            run.Scenario.Load.MaxInFlight, run.Scenario.Load.Timeout) { Profile = run.Scenario.Load.Profile };
        run.Predictions = new CreditPredictionRecorder(run.Seed, run.Drift);
        // With a pipeline, the load's applicants also go to it: inputs for the drift monitor, labelled rows for training.
        var feed = run.Stack!.Pipeline is { } pipeline
            ? new PipelineFeed(client, () => (run.Stack.Members.FirstOrDefault(m => m.Alias == pipeline.Alias) ?? pipeline).HostUrl, run.RunId, run.Seed, run.Drift, _time, run.FeedTampering)
            : null;
        run.RegionAnswers = run.Scenario.Stack.HasStandbyRegion ? new RegionAnswerLog() : null;
        using var transport = KnownLoadTransports.Create(run.Scenario.Load.Transport, run.Scenario.Load.MaxInFlight, loadInvoker);
        var generator = new OpenModelLoadGenerator(transport,
            new CreditRequestFactory(run.Stack.FrontDoor, "credit", run.Seed, run.Corruption, run.Drift, feed is null ? null : feed.Sent, run.Scenario.Load.Rows), _time, run.Predictions)
        {
            Regions = run.RegionAnswers,
        };
        var recording = new LoadRecording(plan.MeasuredSeconds, run.Scenario.Slos.Latency?.Threshold);
        var measuredStart = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var faultsCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopLoad = new CancellationTokenSource();
        run.Record(RunEvent.Types.LoadStarted,
            $"load: {plan.Profile.Kind} {plan.MeanMeasuredRate:0.#}/s on average for {plan.Duration.TotalSeconds:0.#} s after {plan.Warmup.TotalSeconds:0.#} s warm-up ({plan.TotalRequests} requests at most), transport {run.Scenario.Load.Transport}",
            ("rate", plan.RatePerSecond), ("durationSeconds", plan.Duration.TotalSeconds), ("warmupSeconds", plan.Warmup.TotalSeconds),
            ("transport", run.Scenario.Load.Transport));
        var faults = RunFaultTimelineAsync(run, engine, measuredStart.Task, faultsCancellation.Token);
        var guardrails = WatchGuardrailsAsync(run, recording, measuredStart.Task, stopLoad, faultsCancellation, faultsCancellation.Token);
        var progress = ReportLoadProgressAsync(run, recording, measuredStart.Task, faultsCancellation.Token);
        var live = RunLiveAsync(run, engine, recording, measuredStart.Task, stopLoad, faultsCancellation.Token);
        using var stopFeed = new CancellationTokenSource();
        var feeding = feed is null ? Task.CompletedTask : feed.RunAsync((int)plan.Deadline.TotalSeconds + 1,
            (message, data) => run.Record(DataModelEvents.PipelineBatch, message, [.. data.Select(d => (d.Key, d.Value))]), stopFeed.Token);
        var load = await generator.RunAsync(plan, recording, t => measuredStart.TrySetResult(t), stopLoad.Token, cancellationToken);
        measuredStart.TrySetCanceled(cancellationToken);
        await faultsCancellation.CancelAsync();
        await stopFeed.CancelAsync();
        await Task.WhenAll(faults, guardrails, progress, live, feeding);
        run.Load = load with { MeasuredStartSeconds = run.MeasuredStartSeconds };
        run.Record(RunEvent.Types.LoadFinished,
            $"load done: {run.Load.Intended} intended, {run.Load.Successful} successful, achieved {run.Load.AchievedRatePerSecond:F1}/s, scheduling lag p99 {run.Load.SchedulingLagP99Micros / 1000.0:F1} ms",
            ("intended", run.Load.Intended), ("successful", run.Load.Successful),
            ("achievedRate", Math.Round(run.Load.AchievedRatePerSecond, 2)), ("schedulingLagP99Ms", run.Load.SchedulingLagP99Micros / 1000.0));

        await RevertFaultsAsync(run);
        run.SteadyAfter = await CheckSteadyStateAsync(run, client, "after", cancellationToken);
    }

    // The pipeline is started for what only it can answer: data faults, faults aimed at it, a bad model version (its live-quality
    // watch is what rolls one back), and the data SLOs.
    private static bool NeedsPipeline(Scenario scenario) =>
        scenario.Stack.Pipeline || scenario.Faults.Any(f => f.Kind.StartsWith("data.", StringComparison.Ordinal) || f.Target.Role == "pipeline" || f.Kind == Faults.ModelBadVersion.ModelBadVersionFault.Name)
        || scenario.Slos.DriftDetectionDelay is not null || scenario.Slos.TimeToRetrain is not null || scenario.Slos.DataLoss is not null;

    private static async Task<bool> CheckSteadyStateAsync(RunState run, HttpClient client, string phase, CancellationToken cancellationToken)
    {
        var allHeld = true;
        if (run.Scenario.SteadyState.Any(p => p.Kind == KnownProbeKinds.Consistency))
        {
            // A replica the controller replaced during the run has a new id and port.
            await run.Stack!.RefreshMembersAsync(cancellationToken);
        }
        foreach (var probe in run.Scenario.SteadyState)
        {
            var result = await SteadyStateProbe.CheckAsync(client, run.Stack!.FrontDoor, probe, cancellationToken, run.Stack.Members, run.Stack.FallbackModelName);
            allHeld &= result.Held;
            run.Record(RunEvent.Types.SteadyStateChecked,
                $"steady state {phase}: {result.Description} {(result.Held ? "held" : "BROKEN")}",
                ("phase", phase), ("probe", probe.Kind), ("path", probe.Path), ("held", result.Held), ("observed", result.Observed));
        }
        return allHeld;
    }

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
