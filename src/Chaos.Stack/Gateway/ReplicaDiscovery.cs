using System.Text.Json;
using Chaos.Stack.Contracts;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Gateway;

/// <summary>
/// Polls the controller's <c>GET /replicas</c> (the replicas running and ready at its last pass) every interval and routes
/// to exactly those: scale-out adds a replica, scale-in removes one. On an error or an empty list the gateway keeps the set it
/// has: the controller being down must not empty the routing.
/// </summary>
public sealed partial class ReplicaDiscovery(
    HttpClient client, Uri controller, ReplicaSet replicas, TimeSpan interval, TimeProvider timeProvider, ILogger<ReplicaDiscovery> logger) : IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private Task? loop;
    private long updates;
    private long failures;

    /// <summary>Times the replica set changed.</summary>
    public long Updates => Interlocked.Read(ref updates);

    /// <summary>Polls that failed (controller unreachable, bad answer).</summary>
    public long Failures => Interlocked.Read(ref failures);

    /// <summary>Starts polling in the background.</summary>
    public void Start() => loop ??= Task.Run(() => RunAsync(stopping.Token));

    /// <summary>One poll: fetch the list and apply it. True when the set changed.</summary>
    public async Task<bool> PollAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(interval * 2);
        try
        {
            var urls = await client.GetFromJsonAsync(new Uri(controller, "replicas"), bounded.Token);
            var changed = replicas.Update(urls.Select(u => new Uri(u)).ToList());
            if (changed)
            {
                Interlocked.Increment(ref updates);
                var routed = string.Join(", ", replicas.All.Select(r => r.Label));
                LogUpdated(logger, routed);
            }

            return changed;
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or UriFormatException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Interlocked.Increment(ref failures);
            LogFailed(logger, controller, exception.Message);
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        stopping.Cancel();
        try
        {
            loop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            do
            {
                await PollAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Routing to the replicas the controller lists: {Replicas}")]
    private static partial void LogUpdated(ILogger logger, string replicas);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica list from {Controller} unavailable, keeping the current set: {Reason}")]
    private static partial void LogFailed(ILogger logger, Uri controller, string reason);
}

internal static class ReplicaListJson
{
    public static async Task<IReadOnlyList<string>> GetFromJsonAsync(this HttpClient client, Uri uri, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(uri, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync<List<string>>(body, StackJson.Options, cancellationToken) ?? [];
    }
}
