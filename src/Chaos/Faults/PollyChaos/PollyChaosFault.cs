using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Chaos.Observe;

namespace Chaos.Faults.PollyChaos;

/// <summary>
/// <c>polly.chaos</c>: switches on one of the gateway's Polly chaos strategies (Simmy in Polly v8) through its admin API,
/// with the run's token: <c>fault</c> (attempts throw), <c>latency</c> (attempts wait), <c>outcome</c> (attempts answer 503).
/// Verified when the gateway reports the strategy on and its injection counter grows under the load; reverted by
/// switching every strategy off and reading the state back.
/// </summary>
public sealed class PollyChaosFault : IFault
{
    public const string Name = "polly.chaos";

    public string Kind => Name;

    public string Description =>
        "The gateway's Polly chaos strategies through its admin API (per-run token): mode fault|latency|outcome, rate, delay (latency); verified by the injection counter; reverted by switching them off. Target: { role: gateway }.";

    public async Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var spec = context.Spec ?? throw new FaultTargetException($"{Name} needs its mode and rate from the scenario");
        var client = context.Client ?? throw new FaultTargetException($"{Name} needs an HTTP client");
        var gateways = context.ResolveTargetsOf("gateway", Name, "acts on the gateway's admin API");
        var mode = spec.Mode ?? "fault";
        var rate = spec.Rate ?? 0;
        var body = mode switch
        {
            "latency" => new Dictionary<string, object> { ["latency"] = new { rate, delay = $"{(spec.Delay ?? TimeSpan.FromMilliseconds(200)).TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms" } },
            "outcome" => new Dictionary<string, object> { ["outcome"] = new { rate, status = 503 } },
            _ => new Dictionary<string, object> { ["fault"] = new { rate } },
        };
        var before = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var gateway in gateways)
        {
            before[gateway.Alias] = await InjectionsAsync(client, gateway.HostUrl, mode, cancellationToken);
            using var request = Admin(HttpMethod.Post, gateway.HostUrl, context.AdminToken);
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new FaultTargetException($"{gateway.Alias} refused the chaos configuration: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }
        // Observed, not assumed: the counter of injected chaos must grow under the load (a rate of 0 cannot be verified).
        var verified = rate > 0 && await context.ObserveAsync(async () =>
        {
            foreach (var gateway in gateways)
            {
                if (await InjectionsAsync(client, gateway.HostUrl, mode, cancellationToken) <= before[gateway.Alias])
                {
                    return false;
                }
            }
            return true;
        }, TimeSpan.FromSeconds(10), cancellationToken);
        return new FaultInjection(Name, gateways.Select(g => g.Alias).ToList(), verified,
            verified ? $"gateway counted {mode} injections at rate {rate:P0}" : $"no {mode} injection counted within 10 s",
            async token =>
            {
                var off = true;
                foreach (var gateway in gateways)
                {
                    using (var delete = Admin(HttpMethod.Delete, gateway.HostUrl, context.AdminToken))
                    using (await client.SendAsync(delete, token))
                    {
                    }
                    using var read = Admin(HttpMethod.Get, gateway.HostUrl, context.AdminToken);
                    using var state = await client.SendAsync(read, token);
                    using var document = JsonDocument.Parse(await state.Content.ReadAsStringAsync(token));
                    off &= state.IsSuccessStatusCode && !document.RootElement.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.Null);
                }
                return off;
            });
    }

    private static HttpRequestMessage Admin(HttpMethod method, Uri gateway, string? token) =>
        new(method, new Uri(gateway, "/admin/chaos")) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token ?? "") } };

    private static async Task<double> InjectionsAsync(HttpClient client, Uri gateway, string mode, CancellationToken cancellationToken)
    {
        var metrics = PrometheusTextParser.Parse(await client.GetStringAsync(new Uri(gateway, "/metrics"), cancellationToken));
        return metrics.Where(m => m.Name == "chaos_gateway_chaos_injections_total" && m.Label("kind") == mode).Sum(m => m.Value);
    }
}
