using System.Diagnostics;
using Chaos.Load;

namespace Chaos.Bench;

/// <summary>
/// A second baseline: HttpClient in a closed loop (each worker sends its next request when its last answer arrives),
/// with the generator's handler settings. It separates what HttpClient costs on this machine from what the
/// generator's open-model loop adds on top.
/// </summary>
public static class ClosedLoopHttpClient
{
    /// <summary>Hard bound on requests per worker, besides the time bound.</summary>
    public const long MaxRequestsPerWorker = 2_000_000;

    public static async Task<double> RequestsPerSecondAsync(Uri target, int workers, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(LoadHandler.Create(workers, TimeSpan.FromSeconds(5)))
        {
            Timeout = TimeSpan.FromSeconds(5),
        };
        var requests = new FixedRequestFactory(target);
        var completed = 0L;
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0L; i < MaxRequestsPerWorker && Stopwatch.GetTimestamp() < end; i++)
            {
                using var request = requests.Create(i);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref completed);
                }
            }
        }, cancellationToken)));
        return completed / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
