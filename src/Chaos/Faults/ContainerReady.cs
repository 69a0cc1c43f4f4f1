using Chaos.Targets;

namespace Chaos.Faults;

/// <summary>A role container started again by a fault: its new published port, once its health endpoint answers 200 there.</summary>
public static class ContainerReady
{
    /// <summary>The container's address once it answers ready, or null when it did not within <paramref name="within"/>.</summary>
    public static async Task<Uri?> AddressWhenReadyAsync(FaultContext context, HttpClient client, StackContainer container, TimeSpan within, CancellationToken cancellationToken)
    {
        Uri? url = null;
        var ready = await context.ObserveAsync(async () =>
        {
            if (await context.Engine.PublishedPortAsync(container.Id, DockerStack.ServicePort, cancellationToken) is not { } port)
            {
                return false;
            }
            url = new Uri($"http://127.0.0.1:{port}/");
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                using var answer = await client.GetAsync(new Uri(url, "/v2/health/ready"), timeout.Token);
                return answer.IsSuccessStatusCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                return false;
            }
        }, within, cancellationToken);
        return ready ? url : null;
    }

    /// <summary>
    /// Starts the container if the engine reports it stopped, then waits for it to answer ready; the revert of faults that kill
    /// and restart. Returns its address once ready (a restart can move its published port), or null when it did not get there.
    /// </summary>
    public static async Task<Uri?> StartAndWaitAsync(FaultContext context, HttpClient client, StackContainer container, TimeSpan within, CancellationToken cancellationToken)
    {
        if (await context.Engine.StateAsync(container.Id, cancellationToken) is { Running: false })
        {
            await context.Engine.StartAsync(container.Id, cancellationToken);
        }
        return await AddressWhenReadyAsync(context, client, container, within, cancellationToken);
    }
}
