using System.Text;
using Chaos.Stack.Gateway.Injection;
using Chaos.Stack.Hosting;
using Polly.CircuitBreaker;

namespace Chaos.Stack.Gateway;

/// <summary>Prometheus metrics of the gateway: HTTP series, retries, hedges, attempts per replica, breaker states, degraded answers, chaos injections.</summary>
public sealed class GatewayMetrics(HttpMetrics http, Func<IEnumerable<Replica>> replicas, ChaosInjector chaos)
{
    /// <summary>Metrics over a fixed list of replicas.</summary>
    public GatewayMetrics(HttpMetrics http, IReadOnlyList<Replica> replicas, ChaosInjector chaos)
        : this(http, () => replicas, chaos)
    {
    }

    /// <summary>The replica discovery, when the gateway follows the controller's list.</summary>
    public ReplicaDiscovery? Discovery { get; set; }

    /// <summary>Primary replicas routed to now; null for a fixed set reported through the breaker series only.</summary>
    public Func<int>? RoutedReplicas { get; set; }

    /// <summary>The adaptive hedging delay, shown as a gauge; null when hedging is off.</summary>
    public AdaptiveHedgingDelay? HedgingDelay { get; set; }

    private readonly LabelledCounter attempts = new("chaos_gateway_attempts_total", "Attempts sent to replicas, by outcome.", "replica", "outcome");
    private readonly LabelledCounter degraded = new("chaos_gateway_degraded_answers_total", "Fallback answers marked degraded, by reason.", "reason");
    private long retries;
    private long hedges;
    private long failovers;
    private long primaryAttemptTicks;

    /// <summary>The HTTP series shared with the middleware.</summary>
    public HttpMetrics Http => http;

    /// <summary>Retries made so far.</summary>
    public long Retries => Interlocked.Read(ref retries);

    /// <summary>Hedged attempts started so far.</summary>
    public long Hedges => Interlocked.Read(ref hedges);

    /// <summary>Counts one retry.</summary>
    public void RecordRetry() => Interlocked.Increment(ref retries);

    /// <summary>Counts one hedged attempt.</summary>
    public void RecordHedge() => Interlocked.Increment(ref hedges);

    /// <summary>Counts one answer served by a replica other than the first in priority routing (a region failover).</summary>
    public void RecordFailover() => Interlocked.Increment(ref failovers);

    /// <summary>Answers served by a standby so far.</summary>
    public long Failovers => Interlocked.Read(ref failovers);

    /// <summary>Counts one attempt to a replica with its outcome (a status code or an error kind).</summary>
    public void RecordAttempt(Replica replica, string outcome) => attempts.Increment(replica.Label, outcome);

    /// <summary>
    /// Adds the time one attempt to a primary replica was outstanding. The counter's rate is the mean number of attempts
    /// outstanding at once (Little's law): the queue the replicas hold as the gateway sees it, socket backlog included.
    /// </summary>
    public void RecordPrimaryAttemptTime(TimeSpan outstanding) => Interlocked.Add(ref primaryAttemptTicks, Math.Max(0, outstanding.Ticks));

    /// <summary>Seconds attempts to primary replicas were outstanding so far, summed over attempts.</summary>
    public double PrimaryAttemptSeconds => TimeSpan.FromTicks(Interlocked.Read(ref primaryAttemptTicks)).TotalSeconds;

    /// <summary>The series of <see cref="PrimaryAttemptSeconds"/>.</summary>
    public const string PrimaryAttemptSecondsName = "chaos_gateway_primary_attempt_seconds_total";

    /// <summary>Counts one degraded answer with its reason.</summary>
    public void RecordDegraded(string reason) => degraded.Increment(reason);

    /// <summary>Degraded answers with this reason so far.</summary>
    public long Degraded(string reason) => degraded.Value(reason);

    /// <summary>The whole scrape in Prometheus text format.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        http.WriteTo(text);
        PrometheusText.Counter(text, "chaos_gateway_retries_total", "Retries made after a failed attempt.", Retries);
        PrometheusText.Counter(text, "chaos_gateway_failovers_total", "Answers served by a standby (not the first replica) in priority routing.", Failovers);
        PrometheusText.Counter(text, "chaos_gateway_hedged_attempts_total", "Hedged attempts started because an attempt was slow or failed.", Hedges);
        PrometheusText.Counter(text, PrimaryAttemptSecondsName,
            "Time attempts to primary replicas were outstanding, summed over attempts; its rate is the mean attempts outstanding.", PrimaryAttemptSeconds);
        attempts.WriteTo(text);
        degraded.WriteTo(text);
        chaos.WriteTo(text);
        text.Append("# HELP chaos_gateway_breaker_state Circuit breaker per replica: 0 closed, 1 open, 2 half-open, 3 isolated.\n");
        text.Append("# TYPE chaos_gateway_breaker_state gauge\n");
        foreach (var replica in replicas())
        {
            PrometheusText.GaugeSeries(text, "chaos_gateway_breaker_state", StateValue(replica.BreakerState), ("replica", replica.Label));
        }

        text.Append("# HELP chaos_gateway_replica_bound Attempts allowed outstanding at once per primary replica now (the bulkhead, adapted to its answers); 0: no bound.\n");
        text.Append("# TYPE chaos_gateway_replica_bound gauge\n");
        foreach (var replica in replicas().Where(r => !r.LastResort))
        {
            PrometheusText.GaugeSeries(text, "chaos_gateway_replica_bound", replica.CurrentBound, ("replica", replica.Label));
        }

        if (HedgingDelay is { } hedgingDelay)
        {
            PrometheusText.Gauge(text, "chaos_gateway_hedging_delay_seconds", "How long an attempt runs before a hedge races it: the configured delay or the replicas' recent p95 answer time, the larger.", hedgingDelay.Current.TotalSeconds);
        }

        if (RoutedReplicas is { } routed)
        {
            PrometheusText.Gauge(text, "chaos_gateway_replicas", "Primary replicas the gateway routes to now.", routed());
        }

        if (Discovery is { } discovery)
        {
            PrometheusText.Counter(text, "chaos_gateway_replica_set_updates_total", "Changes of the replica set learnt from the controller.", discovery.Updates);
            PrometheusText.Counter(text, "chaos_gateway_replica_discovery_failures_total", "Polls of the controller's replica list that failed.", discovery.Failures);
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
