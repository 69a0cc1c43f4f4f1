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
            var gateway = members.FirstOrDefault(m => m.Role == "gateway");
            var controller = members.FirstOrDefault(m => m.Role == "controller");
            using var scrape = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            scrape.CancelAfter(TimeSpan.FromMilliseconds(800));
            var work = new List<Task>();
            if (gateway is not null)
            {
                work.Add(ScrapeGatewayAsync(gateway, report, scrape.Token));
            }
            if (controller is not null)
            {
                work.Add(ReadControllerEventsAsync(controller, report, scrape.Token));
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
        foreach (var sample in PrometheusTextParser.Parse(text).Where(s => s.Name == "chaos_gateway_breaker_state"))
        {
            var replica = sample.Label("replica") ?? "?";
            var previous = _breakers.TryGetValue(replica, out var p) ? p : 0;
            _breakers[replica] = sample.Value;
            if (sample.Value == previous)
            {
                continue;
            }
            var kind = sample.Value switch { 0 => BreakerClosed, 1 => BreakerOpen, 2 => "breaker-half-open", _ => "breaker-isolated" };
            report(SignalEvent, $"gateway: circuit breaker of {replica} {kind[8..]}", new Dictionary<string, object?>
            {
                ["kind"] = kind,
                ["source"] = "gateway",
                ["replica"] = replica,
            });
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
            if (action.Length == 0 || !_controllerEvents.Add($"{time}|{action}|{alias}"))
            {
                continue;
            }
            report(SignalEvent, $"controller: {action} {alias} ({item?["reason"]})", new Dictionary<string, object?>
            {
                ["kind"] = action,
                ["source"] = "controller",
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
            if (cancellationToken.IsCancellationRequested && !_ready.ContainsKey(member.Alias))
            {
                return;
            }
            ready = false;
        }
        var known = _ready.TryGetValue(member.Alias, out var before);
        _ready[member.Alias] = ready;
        if (known && before != ready)
        {
            report(HealthEvent, $"{member.Alias} {(ready ? "ready" : "NOT ready")} (as the harness sees it)", new Dictionary<string, object?>
            {
                ["member"] = member.Alias,
                ["role"] = member.Role,
                ["ready"] = ready,
                            });
        }
    }
}
