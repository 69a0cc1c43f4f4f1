using System.Text;
using Microsoft.AspNetCore.Http;

namespace Chaos.Stack.Hosting;

/// <summary>Per-role HTTP metrics: latency histogram, in-flight gauge and requests by status code.</summary>
public sealed class HttpMetrics(string prefix, TimeProvider timeProvider)
{
    private readonly LatencyHistogram latency = new();
    private readonly LabelledCounter requests = new($"{prefix}_requests_total", "HTTP requests answered, by status code.", "code");
    private long inFlight;

    /// <summary>Requests being served now.</summary>
    public long InFlight => Interlocked.Read(ref inFlight);

    /// <summary>Requests answered with this status code so far.</summary>
    public long Requests(int statusCode) => requests.Value(statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Middleware that measures every request except the metrics scrape itself.</summary>
    public async Task TrackAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var started = timeProvider.GetTimestamp();
        Interlocked.Increment(ref inFlight);
        try
        {
            await next(context);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            latency.Record(timeProvider.GetElapsedTime(started));
            requests.Increment(context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Appends the HTTP series in Prometheus text format.</summary>
    public void WriteTo(StringBuilder text)
    {
        latency.WriteTo(text, $"{prefix}_request_duration_seconds", "Time to answer an HTTP request.");
        PrometheusText.Gauge(text, $"{prefix}_requests_in_flight", "HTTP requests being served now.", InFlight);
        requests.WriteTo(text);
    }
}
