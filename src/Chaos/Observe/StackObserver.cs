using Chaos.Targets;

namespace Chaos.Observe;

/// <summary>
/// Watches the stack once a second on the run's clock: the gateway's Prometheus metrics (circuit breaker per replica:
/// a stack signal that it noticed a failure) and every member's readiness as the harness sees it. Reports transitions
/// only, so the journal stays small. Bounded: it stops when cancelled or after a bounded number of ticks.
/// </summary>
public sealed class StackObserver
{
    public const string SignalEvent = "stack.signal";
    public const string HealthEvent = "observe.health";
    public const string BreakerOpen = "breaker-open";
    public const string BreakerClosed = "breaker-closed";
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, double> _breakers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _ready = new(StringComparer.Ordinal);
    private readonly HashSet<string> _controllerEvents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _pipelineCounters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastSeen = new(StringComparer.Ordinal);
    // The scrapes of one tick run at once (every member's readiness, the gateway's and the pipeline's metrics): the state they
    // share is read and written under this lock. (Without it, two readiness probes finishing together corrupted _ready.)
    private readonly Lock _shared = new();

    /// <summary>Data key of an event that repeats one seen less than <see cref="RepeatWindow"/> before: journaled, not printed.</summary>
    public const string RepeatKey = "repeat";

    private static readonly TimeSpan RepeatWindow = TimeSpan.FromSeconds(10);

    public StackObserver(HttpClient client, TimeProvider time)
    {
        _client = client;
        _time = time;
    }

    /// <summary>Observes until cancelled. <paramref name="report"/> receives (type, message, data) for each transition.</summary>
    public async Task RunAsync(Func<IReadOnlyList<StackContainer>> currentMembers, Action<string, string, IReadOnlyDictionary<string, object?>> report, int maxTicks, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        for (var tick = 0; tick < maxTicks && !cancellationToken.IsCancellationRequested; tick++)
        {
            var members = currentMembers();
            var gateways = members.Where(m => m.Role is "gateway" or "gateway-b" or Targets.DockerStack.FrontDoorRole).ToList();
            var controllers = members.Where(m => m.Role is "controller" or "controller-b").ToList();
            using var scrape = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            scrape.CancelAfter(TimeSpan.FromMilliseconds(800));
            var work = new List<Task>();
            work.AddRange(gateways.Select(gateway => ScrapeGatewayAsync(gateway, report, scrape.Token)));
            work.AddRange(controllers.Select(controller => ReadControllerEventsAsync(controller, report, scrape.Token)));
            if (members.FirstOrDefault(m => m.Role == "pipeline") is { } pipeline)
            {
                work.Add(ScrapePipelineAsync(pipeline, report, scrape.Token));
            }
            work.AddRange(members.Select(m => ProbeReadyAsync(m, report, scrape.Token)));
            await Task.WhenAll(work);
            var next = TimeSpan.FromSeconds(tick + 1) - _time.GetElapsedTime(start);
            if (next > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(next, _time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ScrapeGatewayAsync(StackContainer gateway, Action<string, string, IReadOnlyDictionary<string, object?>> report, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await _client.GetStringAsync(new Uri(gateway.HostUrl, "/metrics"), cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            return;
        }
        var samples = PrometheusTextParser.Parse(text);
        var source = gateway.Role;
        foreach (var sample in samples.Where(s => s.Name == "chaos_gateway_breaker_state"))
        {
            var replica = sample.Label("replica") ?? "?";
            double previous;
            lock (_shared)
            {
                previous = _breakers.TryGetValue($"{source}|{replica}", out var p) ? p : 0;
                _breakers[$"{source}|{replica}"] = sample.Value;
            }
            if (sample.Value == previous)
            {
                continue;
            }
            var kind = sample.Value switch { 0 => BreakerClosed, 1 => BreakerOpen, 2 => "breaker-half-open", _ => "breaker-isolated" };
            report(SignalEvent, $"{source}: circuit breaker of {replica} {kind[8..]}", new Dictionary<string, object?>
            {
                ["kind"] = kind,
                ["source"] = source,
                ["replica"] = replica,
            });
        }
        // The front door's answers from a standby region: a region failover the stack noticed and acted on.
        if (samples.FirstOrDefault(s => s.Name == "chaos_gateway_failovers_total") is { Value: > 0 } failovers)
        {
            double before;
            lock (_shared)
            {
                before = _breakers.TryGetValue($"{source}|failovers", out var b) ? b : 0;
                _breakers[$"{source}|failovers"] = failovers.Value;
            }
            if (before == 0)
            {
                report(SignalEvent, $"{source}: failover, answers now come from a standby region", new Dictionary<string, object?>
                {
                    ["kind"] = Slo.StackSignalKinds.Failover, ["source"] = source, ["answers"] = failovers.Value,
                });
            }
        }
    }

    // The pipeline's counters, read once a second: a rise is an event of that second (drift alarm, quarantine, a finished
    // retraining run with its decision, a rollback of the champion). Counters start at zero with the container
    // and again when it is restarted.
    private async Task ScrapePipelineAsync(StackContainer pipeline, Action<string, string, IReadOnlyDictionary<string, object?>> report, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await _client.GetStringAsync(new Uri(pipeline.HostUrl, "/metrics"), cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            return;
        }
        var samples = PrometheusTextParser.Parse(text);
        double Sum(string name, string? outcome = null) =>
            samples.Where(s => s.Name == name && (outcome is null || s.Label("outcome") == outcome)).Sum(s => s.Value);
        double Rise(string key, double now)
        {
            var before = _pipelineCounters.TryGetValue(key, out var b) ? b : 0;
            _pipelineCounters[key] = now;
            // A restarted pipeline (storage.crash, training.kill) counts from zero again: what it counted since is the rise.
            return now >= before ? now - before : now;
        }

        var alarms = Rise("alarms", Sum("chaos_pipeline_drift_alarms_total"));
        if (alarms > 0)
        {
            var share = samples.FirstOrDefault(s => s.Name == "chaos_pipeline_drift_share")?.Value;
            report(SignalEvent, $"pipeline: drift alarm ({alarms:0} new; drift share of the last window {share:0.##})", new Dictionary<string, object?>
            {
                ["kind"] = Slo.StackSignalKinds.DriftAlarm, ["source"] = "pipeline", ["alarms"] = alarms, ["driftShare"] = share,
                [RepeatKey] = Repeats(Slo.StackSignalKinds.DriftAlarm),
            });
        }
        if (Rise("windows", Sum("chaos_pipeline_drift_windows_total")) > 0)
        {
            await ReadDriftWindowAsync(pipeline, report, cancellationToken);
        }
        var quarantined = Rise("quarantined", Sum("chaos_pipeline_rows_total", "quarantined"));
        if (quarantined > 0)
        {
            report(SignalEvent, $"pipeline: {quarantined:0} rows quarantined", new Dictionary<string, object?>
            {
                ["kind"] = Slo.StackSignalKinds.Quarantine, ["source"] = "pipeline", ["rows"] = quarantined,
            });
        }
        var promoted = Rise("promotions", Sum("chaos_pipeline_promotions_total"));
        var rejected = Rise("rejections", Sum("chaos_pipeline_rejections_total"));
        var runs = Rise("runs", Sum("chaos_pipeline_retraining_runs_total"));
        if (runs > 0)
        {
            var decision = promoted > 0 ? "candidate promoted to champion" : rejected > 0 ? "candidate kept out by the champion gate" : "no decision";
            report(SignalEvent, $"pipeline: retraining run finished, {decision}", new Dictionary<string, object?>
            {
                ["kind"] = Slo.StackSignalKinds.Retrained, ["source"] = "pipeline", ["promoted"] = promoted, ["rejected"] = rejected,
                ["trainedVersion"] = samples.FirstOrDefault(s => s.Name == "chaos_pipeline_last_trained_version")?.Value,
                [RepeatKey] = Repeats(Slo.StackSignalKinds.Retrained),
            });
        }
        if (Rise("rollbacks", Sum("chaos_pipeline_rollbacks_total")) > 0)
        {
            report(SignalEvent, "pipeline: champion rolled back (live quality dropped)", new Dictionary<string, object?>
            {
                ["kind"] = "model-rolled-back", ["source"] = "pipeline",
            });
        }
    }

    // The last window the drift monitor checked, for the report's drift panel (journal events drift.checked): the feature
    // furthest past (or nearest to) its calibrated PSI threshold (the 95% quantile of no-drift windows; a distance reported
    // beside the alarm, which is KS), and the window's drift share against the alarm rule (one drifted feature).
    private async Task ReadDriftWindowAsync(StackContainer pipeline, Action<string, string, IReadOnlyDictionary<string, object?>> report, CancellationToken cancellationToken)
    {
        System.Text.Json.Nodes.JsonNode? status;
        try
        {
            status = System.Text.Json.Nodes.JsonNode.Parse(await _client.GetStringAsync(new Uri(pipeline.HostUrl, "/drift"), cancellationToken));
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            return;
        }
        var features = status?["last_report"]?["features"]?.AsArray().OfType<System.Text.Json.Nodes.JsonObject>()
            .Select(f => (Feature: f["feature"]?.ToString() ?? "?", Psi: (double?)f["statistics"]?["psi"], Threshold: (double?)f["psi_threshold"], Drifted: f["statistics"]?["ks_p_value"] is { } p && f["ks_alpha"] is { } a && (double)p < (double)a))
            .Where(f => f.Psi is not null && f.Threshold is > 0)
            .ToList();
        if (features is not { Count: > 0 })
        {
            return;
        }
        var worst = features.MaxBy(f => f.Psi!.Value / f.Threshold!.Value);
        var share = features.Count(f => f.Drifted) / (double)features.Count;
        report(Reporting.DataModelEvents.DriftChecked, $"pipeline: drift window checked, PSI of {worst.Feature} {worst.Psi:0.###} (calibrated threshold {worst.Threshold:0.###}), drift share {share:0.##}",
            new Dictionary<string, object?>
            {
                ["statistic"] = "psi", ["feature"] = worst.Feature, ["value"] = worst.Psi, ["threshold"] = worst.Threshold,
            });
        // The window's alarm rule: any feature whose KS test rejects (Bonferroni), i.e. a drift share of one feature in eight or more.
        report(Reporting.DataModelEvents.DriftChecked, $"pipeline: drift share {share:0.##}", new Dictionary<string, object?>
        {
            ["statistic"] = "share", ["value"] = share, ["threshold"] = 1.0 / features.Count,
        });
    }

    // A monitor that keeps alarming on a new regime raises an alarm every second: each is journaled, only the first of a
    // burst is worth a line on the terminal.
    private bool Repeats(string kind)
    {
        var now = _time.GetTimestamp();
        lock (_shared)
        {
            var repeat = _lastSeen.TryGetValue(kind, out var last) && _time.GetElapsedTime(last, now) < RepeatWindow;
            _lastSeen[kind] = now;
            return repeat;
        }
    }

    // The controller's own account of what it noticed and did: replica-unready, replica-replaced, scaled-out...
    private async Task ReadControllerEventsAsync(StackContainer controller, Action<string, string, IReadOnlyDictionary<string, object?>> report, CancellationToken cancellationToken)
    {
        System.Text.Json.Nodes.JsonArray? events;
        try
        {
            events = System.Text.Json.Nodes.JsonNode.Parse(await _client.GetStringAsync(new Uri(controller.HostUrl, "/events"), cancellationToken)) as System.Text.Json.Nodes.JsonArray;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            return;
        }
        foreach (var item in events ?? [])
        {
            var time = item?["time"]?.ToString() ?? "";
            var action = item?["action"]?.ToString() ?? "";
            var alias = item?["alias"]?.ToString() ?? "";
            bool fresh;
            lock (_shared)
            {
                fresh = _controllerEvents.Add($"{time}|{action}|{alias}");
            }
            if (action.Length == 0 || !fresh)
            {
                continue;
            }
            report(SignalEvent, $"controller: {action} {alias} ({item?["reason"]})", new Dictionary<string, object?>
            {
                ["kind"] = action,
                ["source"] = controller.Role,
                ["replica"] = alias,
                ["reason"] = item?["reason"]?.ToString(),
                ["at"] = time,
            });
        }
    }

    private async Task ProbeReadyAsync(StackContainer member, Action<string, string, IReadOnlyDictionary<string, object?>> report, CancellationToken cancellationToken)
    {
        bool ready;
        try
        {
            using var response = await _client.GetAsync(new Uri(member.HostUrl, "/v2/health/ready"), cancellationToken);
            ready = response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            lock (_shared)
            {
                if (cancellationToken.IsCancellationRequested && !_ready.ContainsKey(member.Alias))
                {
                    return;
                }
            }
            ready = false;
        }
        bool known, before;
        lock (_shared)
        {
            known = _ready.TryGetValue(member.Alias, out before);
            _ready[member.Alias] = ready;
        }
        if (known && before != ready)
        {
            report(HealthEvent, $"{member.Alias} {(ready ? "ready" : "NOT ready")} (as the harness sees it)", new Dictionary<string, object?>
            {
                ["member"] = member.Alias,
                ["role"] = member.Role,
                ["region"] = member.Region,
                ["ready"] = ready,
            });
        }
    }
}
