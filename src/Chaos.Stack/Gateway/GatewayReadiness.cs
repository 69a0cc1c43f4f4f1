namespace Chaos.Stack.Gateway;

/// <summary>
/// The gateway is ready when at least one primary replica whose breaker is not open answers 200 on
/// <c>/v2/models/{model}/ready</c> within the attempt timeout. With fallback on, it is also ready (degraded) when
/// every primary is down but a fallback replica answers 200 for the simplified model. The answer cache alone does not
/// make it ready: it can answer only inputs seen before. Probed on each readiness call, nothing cached.
/// </summary>
public sealed class GatewayReadiness(HttpClient client, ReplicaSet replicas, ReplicaSet? fallbackReplicas, GatewayOptions options, TimeProvider timeProvider)
{
    /// <summary>What the gateway can serve now.</summary>
    public async Task<GatewayReadinessState> CheckAsync(CancellationToken cancellationToken)
    {
        if (await AnyReadyAsync(replicas, options.ModelName, cancellationToken))
        {
            return GatewayReadinessState.Ready;
        }

        return options.Fallback && fallbackReplicas is not null && await AnyReadyAsync(fallbackReplicas, options.FallbackModel, cancellationToken)
            ? GatewayReadinessState.Degraded
            : GatewayReadinessState.NotReady;
    }

    private async Task<bool> AnyReadyAsync(ReplicaSet set, string model, CancellationToken cancellationToken)
    {
        var probes = set.All.Where(r => !r.IsBroken).Select(r => ProbeAsync(r, model, cancellationToken)).ToList();
        var results = await Task.WhenAll(probes);
        return results.Any(ready => ready);
    }

    private async Task<bool> ProbeAsync(Replica replica, string model, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.AttemptTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            var uri = new Uri(replica.BaseAddress, $"/v2/models/{Uri.EscapeDataString(model)}/ready");
            using var response = await client.GetAsync(uri, linked.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when ((exception is HttpRequestException or OperationCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
