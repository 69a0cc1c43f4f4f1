using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Gateway;

/// <summary>
/// The front door's view of a region failover: an answer served by any replica but the first (the primary region's gateway)
/// counts as one. The first attempt sent to a standby tells its region's controller to scale up from its warm minimum
/// (<c>POST /activate</c>, once; a failed call is logged and tried again on the next such attempt): on the attempt, not the
/// answer, because a cold standby has nothing to answer with until it is activated.
/// </summary>
public sealed partial class FailoverWatch(ReplicaSet replicas, GatewayMetrics metrics, HttpClient client, Uri? activation, string? adminToken, ILogger<FailoverWatch> logger)
{
    private int activating;

    /// <summary>Called with the replica an attempt goes to: the first one sent to a standby activates it.</summary>
    public void Attempting(Replica replica)
    {
        if (!IsStandby(replica))
        {
            return;
        }

        if (activation is not null && Interlocked.CompareExchange(ref activating, 1, 0) == 0)
        {
            _ = ActivateAsync(activation);
        }
    }

    /// <summary>Called with the replica that served an answer.</summary>
    public void Served(Replica replica)
    {
        if (IsStandby(replica))
        {
            metrics.RecordFailover();
        }
    }

    private bool IsStandby(Replica replica)
    {
        var all = replicas.All;
        return all.Count > 0 && !ReferenceEquals(all[0], replica);
    }

    private async Task ActivateAsync(Uri controller)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(controller, "/activate"));
            if (adminToken is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var response = await client.SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                LogActivated(logger, controller);
                return;
            }

            LogActivationFailed(logger, controller, $"status {(int)response.StatusCode}");
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            LogActivationFailed(logger, controller, exception.Message);
        }

        // Not confirmed: the next attempt sent to a standby tries again.
        Interlocked.Exchange(ref activating, 0);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failover: answers come from a standby region; told its controller {Controller} to scale up")]
    private static partial void LogActivated(ILogger logger, Uri controller);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failover: could not activate the standby controller {Controller}: {Reason}")]
    private static partial void LogActivationFailed(ILogger logger, Uri controller, string reason);
}
