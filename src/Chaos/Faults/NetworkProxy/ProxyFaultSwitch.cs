using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Chaos.Observe;
using Chaos.Targets;

namespace Chaos.Faults.NetworkProxy;

/// <summary>
/// What the proxy fault kinds share: find the fault proxy in front of each selected replica, switch its mode through its
/// admin API (the run's token), observe its injection counter grow, and switch it back to pass-through on revert.
/// A probe request through each proxy's published port makes sure a connection meets the fault even without load.
/// </summary>
public static class ProxyFaultSwitch
{
    private static readonly TimeSpan VerifyWithin = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ProbeBound = TimeSpan.FromSeconds(5);

    /// <summary>The fault kinds that act through the proxies: a stack for a scenario with one of them starts the proxies.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        NetworkLatency.NetworkLatencyFault.Name, NetworkBandwidth.NetworkBandwidthFault.Name, NetworkReset.NetworkResetFault.Name,
        NetworkTimeout.NetworkTimeoutFault.Name, NetworkSlowClose.NetworkSlowCloseFault.Name,
    };

    /// <summary>Switches <paramref name="mode"/> on in the proxies in front of the selected replicas and verifies it.</summary>
    public static async Task<FaultInjection> InjectAsync(FaultContext context, string kind, string mode, IReadOnlyDictionary<string, object> parameters, CancellationToken cancellationToken)
    {
        var client = context.Client ?? throw new FaultTargetException($"{kind} needs an HTTP client");
        var targets = context.ResolveTargets();
        var proxies = targets.Select(t => ProxyOf(context, kind, t)).ToList();
        var before = new Dictionary<string, double>(StringComparer.Ordinal);
        var body = new Dictionary<string, object>(parameters, StringComparer.Ordinal) { ["mode"] = mode };
        var switched = new List<StackContainer>();
        try
        {
            foreach (var proxy in proxies)
            {
                before[proxy.Alias] = await InjectionsAsync(client, proxy, mode, cancellationToken);
                using var request = Admin(HttpMethod.Post, proxy, context.AdminToken);
                request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new FaultTargetException($"{proxy.Alias} refused {kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
                switched.Add(proxy);
            }
        }
        catch (Exception exception) when (exception is FaultTargetException or HttpRequestException)
        {
            // No half-injected fault without a revert: switch back what was switched, then report the failure.
            using var undo = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await RevertAsync(client, switched, context.AdminToken, undo.Token);
            throw;
        }

        using var probing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probing.CancelAfter(ProbeBound);
        var probes = proxies.Select(p => ProbeAsync(context.Engine, p, probing.Token)).ToList();
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        var verified = await context.ObserveAsync(async () =>
        {
            foreach (var proxy in proxies)
            {
                counts[proxy.Alias] = await InjectionsAsync(client, proxy, mode, cancellationToken) - before[proxy.Alias];
            }
            return counts.Values.All(c => c > 0);
        }, VerifyWithin, cancellationToken);
        await probing.CancelAsync();
        await Task.WhenAll(probes);
        var seen = string.Join(", ", counts.Select(c => $"{c.Key} +{c.Value}"));
        return new FaultInjection(kind, targets.Select(t => t.Alias).ToList(), verified,
            verified ? $"proxy {mode} injections counted: {seen}" : $"a proxy counted no {mode} injection within {VerifyWithin.TotalSeconds:0} s ({seen})",
            token => RevertAsync(client, proxies, context.AdminToken, token));
    }

    private static StackContainer ProxyOf(FaultContext context, string kind, StackContainer target)
    {
        // The network kinds act between the gateway and a replica; dependency.slow between the registry and its readers.
        var role = kind == DependencySlow.DependencySlowFault.Name ? "registry" : "inference";
        if (target.Role != role)
        {
            throw new FaultTargetException($"{kind} acts through the fault proxy in front of each {role}: its target must be {{ role: {role} }}");
        }
        var alias = DockerStack.ProxyAliasOf(target.Alias);
        return context.Members.FirstOrDefault(m => m.Role == "proxy" && m.Alias == alias)
            ?? throw new FaultTargetException($"no fault proxy {alias} in front of {target.Alias}: the stack was started without {(role == "registry" ? "the dependency proxy" : "fault proxies")}");
    }

    private static async Task<bool> RevertAsync(HttpClient client, IReadOnlyList<StackContainer> proxies, string? token, CancellationToken cancellationToken)
    {
        var off = true;
        foreach (var proxy in proxies)
        {
            using (var delete = Admin(HttpMethod.Delete, proxy, token))
            using (await client.SendAsync(delete, cancellationToken))
            {
            }
            using var read = Admin(HttpMethod.Get, proxy, token);
            using var state = await client.SendAsync(read, cancellationToken);
            using var document = JsonDocument.Parse(await state.Content.ReadAsStringAsync(cancellationToken));
            off &= state.IsSuccessStatusCode && document.RootElement.GetProperty("fault").GetProperty("mode").GetString() == "off";
        }
        return off;
    }

    // One HTTP request through the proxy's published traffic port, closing the connection: a connection to delay,
    // throttle, reset, swallow or hold the close of. Its outcome does not matter; the proxy's counter does.
    private static async Task ProbeAsync(DockerEngine engine, StackContainer proxy, CancellationToken cancellationToken)
    {
        try
        {
            if (await engine.PublishedPortAsync(proxy.Id, DockerStack.ProxyTrafficPort, cancellationToken) is not { } port)
            {
                return;
            }
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync("127.0.0.1", port, cancellationToken);
            await socket.SendAsync("GET /v2/health/live HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n"u8.ToArray(), SocketFlags.None, cancellationToken);
            var buffer = new byte[4096];
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) > 0)
            {
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or Docker.DotNet.DockerApiException)
        {
        }
    }

    private static HttpRequestMessage Admin(HttpMethod method, StackContainer proxy, string? token) =>
        new(method, new Uri(proxy.HostUrl, "/admin/proxy")) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token ?? "") } };

    private static async Task<double> InjectionsAsync(HttpClient client, StackContainer proxy, string mode, CancellationToken cancellationToken)
    {
        var metrics = PrometheusTextParser.Parse(await client.GetStringAsync(new Uri(proxy.HostUrl, "/metrics"), cancellationToken));
        return metrics.Where(m => m.Name == "chaos_proxy_faults_total" && m.Label("mode") == mode).Sum(m => m.Value);
    }
}
