using System.Text;
using Chaos.Stack.Hosting;
using Polly.CircuitBreaker;

namespace Chaos.Stack.Gateway;

/// <summary>Prometheus metrics of the gateway: HTTP series, retries, attempts per replica and breaker states.</summary>
public sealed class GatewayMetrics(HttpMetrics http, ReplicaSet replicas)
{
    private readonly LabelledCounter attempts = new("chaos_gateway_attempts_total", "Attempts sent to replicas, by outcome.", "replica", "outcome");
    private long retries;

    /// <summary>The HTTP series shared with the middleware.</summary>
    public HttpMetrics Http => http;

    /// <summary>Retries made so far.</summary>
    public long Retries => Interlocked.Read(ref retries);

    /// <summary>Counts one retry.</summary>
    public void RecordRetry() => Interlocked.Increment(ref retries);

    /// <summary>Counts one attempt to a replica with its outcome (a status code or an error kind).</summary>
    public void RecordAttempt(Replica replica, string outcome) => attempts.Increment(replica.Label, outcome);

    /// <summary>The whole scrape in Prometheus text format.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        http.WriteTo(text);
        PrometheusText.Counter(text, "chaos_gateway_retries_total", "Retries made after a failed attempt.", Retries);
        attempts.WriteTo(text);
        text.Append("# HELP chaos_gateway_breaker_state Circuit breaker per replica: 0 closed, 1 open, 2 half-open, 3 isolated.\n");
        text.Append("# TYPE chaos_gateway_breaker_state gauge\n");
        foreach (var replica in replicas.All)
        {
            PrometheusText.GaugeSeries(text, "chaos_gateway_breaker_state", StateValue(replica.BreakerState), ("replica", replica.Label));
        }

        return text.ToString();
    }

    private static int StateValue(CircuitState state) => state switch
    {
        CircuitState.Closed => 0,
        CircuitState.Open => 1,
        CircuitState.HalfOpen => 2,
        _ => 3,
    };
}
