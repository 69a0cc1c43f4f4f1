namespace Chaos.Stack.Gateway;

/// <summary>
/// The gateway is ready when at least one replica whose breaker is not open answers 200 on
/// <c>/v2/models/{model}/ready</c> within the attempt timeout. Probed on each readiness call, nothing cached.
/// </summary>
public sealed class GatewayReadiness(HttpClient client, ReplicaSet replicas, GatewayOptions options, TimeProvider timeProvider)
{
    /// <summary>True when some replica can serve the model now.</summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        var probes = replicas.All.Where(r => !r.IsBroken).Select(r => ProbeAsync(r, cancellationToken)).ToList();
        var results = await Task.WhenAll(probes);
        return results.Any(ready => ready);
    }

    private async Task<bool> ProbeAsync(Replica replica, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.AttemptTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            var uri = new Uri(replica.BaseAddress, $"/v2/models/{Uri.EscapeDataString(options.ModelName)}/ready");
            using var response = await client.GetAsync(uri, linked.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when ((exception is HttpRequestException or OperationCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
