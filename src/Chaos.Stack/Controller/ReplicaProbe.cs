namespace Chaos.Stack.Controller;

/// <summary>Readiness probes and metrics scrapes of replicas, each bounded by the probe timeout.</summary>
public sealed class ReplicaProbe(HttpClient http, TimeSpan timeout, TimeProvider timeProvider)
{
    /// <summary>True when <c>/v2/health/ready</c> answers 200 within the timeout.</summary>
    public async Task<bool> IsReadyAsync(Uri baseUrl, CancellationToken cancellationToken) =>
        await ProbeReadinessAsync(baseUrl, cancellationToken) == Readiness.Ready;

    /// <summary><c>/v2/health/ready</c> within the timeout: 200, another status, or no answer at all.</summary>
    public async Task<Readiness> ProbeReadinessAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        using var bounded = Bounded(cancellationToken);
        try
        {
            using var response = await http.GetAsync(new Uri(baseUrl, "v2/health/ready"), bounded.Token);
            return response.IsSuccessStatusCode ? Readiness.Ready : Readiness.NotReady;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Readiness.Unanswered;
        }
    }

    /// <summary>The replica's in-flight gauge and latency buckets; null when the scrape fails.</summary>
    public async Task<ReplicaMetrics?> ScrapeAsync(Uri baseUrl, CancellationToken cancellationToken) =>
        await ScrapeTextAsync(baseUrl, cancellationToken) is { } text ? ReplicaMetrics.Parse(text) : null;

    /// <summary>Any node's <c>/metrics</c> text within the timeout (the gateway's, for its shed share); null when the scrape fails.</summary>
    public async Task<string?> ScrapeTextAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        using var bounded = Bounded(cancellationToken);
        try
        {
            return await http.GetStringAsync(new Uri(baseUrl, "metrics"), bounded.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Polls readiness until it answers 200 or <paramref name="deadline"/> passes; true when ready.</summary>
    public async Task<bool> WaitReadyAsync(Func<CancellationToken, Task<Uri?>> baseUrl, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        while (timeProvider.GetElapsedTime(started) < deadline)
        {
            if (await baseUrl(cancellationToken) is { } url && await IsReadyAsync(url, cancellationToken))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), timeProvider, cancellationToken);
        }

        return false;
    }

    private CancellationTokenSource Bounded(CancellationToken cancellationToken)
    {
        var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        return bounded;
    }
}
