using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Controller;

/// <summary>
/// Every interval: list the run's replicas through the engine, probe and scrape them, ask <see cref="ReplicaPolicy"/>
/// what to do, and do it, re-checking the labels of every container right before touching it.
/// </summary>
public sealed partial class ControllerLoop(
    ControllerOptions options,
    DockerEngineClient docker,
    ReplicaProbe probe,
    ReplicaPolicy policy,
    ControllerEvents events,
    ControllerMetrics metrics,
    TimeProvider timeProvider,
    ILogger<ControllerLoop> logger)
{
    private readonly RunScope scope = new(options.RunId, options.Role);
    private readonly LatencyWindow latency = new();
    private readonly ShedWindow shed = new();
    private readonly OutstandingWindow outstanding = new(timeProvider);
    private readonly Dictionary<string, JsonObject> lastInspected = new(StringComparer.Ordinal);
    private IReadOnlyList<Uri> replicaUrls = [];
    private int passes;

    /// <summary>Base URLs (by network alias) of the replicas that were running and ready at the last pass, by alias number.</summary>
    public IReadOnlyList<Uri> ReplicaUrls => Volatile.Read(ref replicaUrls);

    /// <summary>True once a pass has reached the engine.</summary>
    public bool HasReconciled => Volatile.Read(ref passes) > 0;

    /// <summary>Runs a pass now and then one per interval until cancelled; a failed pass is logged and the loop goes on.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Interval, timeProvider);
        do
        {
            try
            {
                await ReconcileAsync(cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                metrics.Failed();
                LogPassFailed(logger, options.RunId, exception);
            }
        }
        while (await WaitTickAsync(timer, cancellationToken));
    }

    /// <summary>One pass: observe, decide, act. Returns the actions decided.</summary>
    public async Task<IReadOnlyList<ControllerAction>> ReconcileAsync(CancellationToken cancellationToken)
    {
        var replicas = await ListAsync(cancellationToken);
        var gatewayScrape = options.GatewayUrl is { } gateway ? probe.ScrapeTextAsync(gateway, cancellationToken) : Task.FromResult<string?>(null);
        var probed = await Task.WhenAll(replicas.Select(r => ProbeAsync(r, cancellationToken)));
        var gatewayMetrics = await gatewayScrape;
        var shedFraction = shed.Advance(gatewayMetrics);
        var gatewayOutstanding = outstanding.Advance(gatewayMetrics);
        var ready = probed.Count(p => p.Ready);
        var scrapes = probed.Where(p => p.Metrics is not null).ToDictionary(p => p.Replica.Id, p => p.Metrics!, StringComparer.Ordinal);
        var observation = new ClusterObservation(
            probed.Select(p => new ReplicaObservation(p.Replica.Id, p.Replica.Alias, p.Replica.Ordinal, p.Replica.Running, p.Ready)
            {
                Paused = p.Replica.Paused,
                Answered = p.Answered,
            }).ToList(),
            scrapes.Count == 0 ? null : scrapes.Values.Average(m => m.InFlight),
            latency.Advance(scrapes))
        {
            MeanQueueDepth = Mean(scrapes.Values.Select(m => m.QueueDepth)),
            MeanUtilization = Mean(scrapes.Values.Select(m => m.Utilization)),
            ShedFraction = shedFraction,
            GatewayInFlight = gatewayOutstanding is { } total && ready > 0 ? total / ready : null,
            Unobserved = probed.Count(p => p.Replica.Running && p.Metrics is null),
        };
        metrics.Observed(observation);
        Volatile.Write(ref replicaUrls, probed.Where(p => p.Ready).OrderBy(p => p.Replica.Ordinal).Select(p => p.Replica.NetworkUrl).ToList());
        Interlocked.Increment(ref passes);

        // Every container is created first and then waited for together: replicas added in one step start side by side.
        var actions = policy.Decide(observation);
        var starting = new List<Task>();
        foreach (var action in actions)
        {
            try
            {
                if (await ExecuteAsync(action, replicas, cancellationToken) is { } started)
                {
                    starting.Add(AwaitReadyAsync(started, action.Alias, cancellationToken));
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                metrics.Failed();
                events.Add("action-failed", action.ContainerId ?? string.Empty, action.Alias, $"{action.Kind}: {exception.Message}");
                LogActionFailed(logger, action.Kind, action.Alias, exception);
            }
        }

        await Task.WhenAll(starting);
        return actions;
    }

    private static double? Mean(IEnumerable<double?> values)
    {
        var known = values.OfType<double>().ToList();
        return known.Count == 0 ? null : known.Average();
    }

    private async Task<IReadOnlyList<ReplicaContainer>> ListAsync(CancellationToken cancellationToken)
    {
        var replicas = new List<ReplicaContainer>();
        foreach (var id in await docker.ListContainerIdsAsync(scope.Filter, cancellationToken))
        {
            if (await docker.InspectContainerAsync(id, cancellationToken) is { } inspected && ReplicaBlueprint.Describe(inspected, scope) is { } replica)
            {
                lastInspected[replica.Alias] = inspected;
                replicas.Add(replica);
            }
        }

        return replicas;
    }

    private async Task<(ReplicaContainer Replica, bool Ready, bool Answered, ReplicaMetrics? Metrics)> ProbeAsync(ReplicaContainer replica, CancellationToken cancellationToken)
    {
        if (!replica.Running || replica.ProbeUrl(options.Reach) is not { } url)
        {
            return (replica, false, false, null);
        }

        var readiness = await probe.ProbeReadinessAsync(url, cancellationToken);
        return readiness == Readiness.Ready
            ? (replica, true, true, await probe.ScrapeAsync(url, cancellationToken))
            : (replica, false, readiness == Readiness.NotReady, null);
    }

    // Returns the id of a container it created, which the caller waits to be ready.
    private async Task<string?> ExecuteAsync(ControllerAction action, IReadOnlyList<ReplicaContainer> replicas, CancellationToken cancellationToken)
    {
        switch (action.Kind)
        {
            case ActionKind.ReportUnready:
                events.Add("replica-unready", action.ContainerId!, action.Alias, action.Reason);
                LogUnready(logger, action.Alias, action.ContainerId!, action.Reason);
                break;
            case ActionKind.Replace:
                var current = await docker.InspectContainerAsync(action.ContainerId!, cancellationToken) ?? lastInspected[action.Alias];
                scope.EnsureOwns(current);
                var replacement = await RecreateAsync(current, action.Alias, action.Alias, action.ContainerId, cancellationToken);
                metrics.Replaced();
                events.Add("replica-replaced", replacement, action.Alias, action.Reason);
                LogReplaced(logger, action.Alias, action.ContainerId!, replacement, action.Reason);
                return replacement;
            case ActionKind.ScaleOut:
                // A running replica's configuration, else a stopped one's (a cold standby's parked replica is the blueprint).
                var template = replicas.OrderBy(r => r.Running ? 0 : 1).ThenBy(r => r.Ordinal).Select(r => lastInspected[r.Alias]).FirstOrDefault()
                    ?? throw new InvalidOperationException($"No replica of run {options.RunId} to copy for {action.Alias}.");
                scope.EnsureOwns(template);
                var templateAlias = ReplicaBlueprint.Describe(template, scope)!.Alias;
                var added = await RecreateAsync(template, templateAlias, action.Alias, null, cancellationToken);
                metrics.Scaled(ActionKind.ScaleOut);
                events.Add("scaled-out", added, action.Alias, action.Reason);
                LogScaled(logger, "out", action.Alias, added, action.Reason);
                return added;
            case ActionKind.ScaleIn:
                var victim = await docker.InspectContainerAsync(action.ContainerId!, cancellationToken);
                if (victim is not null)
                {
                    scope.EnsureOwns(victim);
                    await docker.RemoveContainerAsync(action.ContainerId!, cancellationToken);
                }

                metrics.Scaled(ActionKind.ScaleIn);
                events.Add("scaled-in", action.ContainerId!, action.Alias, action.Reason);
                LogScaled(logger, "in", action.Alias, action.ContainerId!, action.Reason);
                break;
        }

        return null;
    }

    // Removes the old container first when replacing: the copy takes its name and alias.
    private async Task<string> RecreateAsync(JsonObject source, string sourceAlias, string alias, string? removeId, CancellationToken cancellationToken)
    {
        var (name, body) = ReplicaBlueprint.CopyAs(source, sourceAlias, alias);
        if (!scope.Owns(body["Labels"]))
        {
            throw new InvalidOperationException($"Refusing to create {alias}: the copy would lack the run's labels.");
        }

        if (removeId is not null)
        {
            await docker.RemoveContainerAsync(removeId, cancellationToken);
        }

        var id = await docker.CreateContainerAsync(name, body, cancellationToken);
        await docker.StartContainerAsync(id, cancellationToken);
        return id;
    }

    private async Task AwaitReadyAsync(string id, string alias, CancellationToken cancellationToken)
    {
        try
        {
            var ready = await probe.WaitReadyAsync(
                async token => await docker.InspectContainerAsync(id, token) is { } inspected ? ReplicaBlueprint.Describe(inspected, scope)?.ProbeUrl(options.Reach) : null,
                options.ReadyTimeout,
                cancellationToken);
            events.Add(ready ? "replica-ready" : "replica-not-ready", id, alias, ready ? "/v2/health/ready answered 200" : $"not ready within {options.ReadyTimeout.TotalSeconds:0}s");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Failed();
            events.Add("replica-not-ready", id, alias, $"waiting for readiness failed: {exception.Message}");
        }
    }

    private static async Task<bool> WaitTickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
