using System.Text;
using Chaos.Stack.Hosting;

namespace Chaos.Stack.Controller;

/// <summary>The controller's own Prometheus series: replacements, scaling actions, failures and the last observation.</summary>
public sealed class ControllerMetrics
{
    private readonly LabelledCounter scaling = new("chaos_controller_scaling_actions_total", "Replicas added or removed by autoscaling.", "direction");
    private long replacements;
    private long failures;
    private ClusterObservation last = new([], null, null);

    public long Replacements => Interlocked.Read(ref replacements);

    public void Replaced() => Interlocked.Increment(ref replacements);

    public void Scaled(ActionKind kind) => scaling.Increment(kind == ActionKind.ScaleIn ? "in" : "out");

    public void Failed() => Interlocked.Increment(ref failures);

    public void Observed(ClusterObservation observation) => Volatile.Write(ref last, observation);

    /// <summary>The whole scrape in Prometheus text format.</summary>
    public string Render()
    {
        var observation = Volatile.Read(ref last);
        var text = new StringBuilder();
        PrometheusText.Counter(text, "chaos_controller_replacements_total", "Dead or unready replicas replaced.", Replacements);
        scaling.WriteTo(text);
        PrometheusText.Counter(text, "chaos_controller_action_failures_total", "Actions or reconcile passes that failed.", Interlocked.Read(ref failures));
        PrometheusText.Gauge(text, "chaos_controller_replicas", "Replica containers of the run and role.", observation.Replicas.Count);
        PrometheusText.Gauge(text, "chaos_controller_ready_replicas", "Replicas running and answering /v2/health/ready.", observation.Replicas.Count(r => r.Running && r.Ready));
        PrometheusText.Gauge(text, "chaos_controller_mean_in_flight", "Mean in-flight requests per ready replica, last interval.", observation.MeanInFlight ?? 0);
        PrometheusText.Gauge(text, "chaos_controller_gateway_in_flight", "Mean attempts the gateway had outstanding per ready replica, last interval.", observation.GatewayInFlight ?? 0);
        PrometheusText.Gauge(text, "chaos_controller_mean_queue_depth", "Mean requests waiting for a scoring slot per replica, last interval.", observation.MeanQueueDepth ?? 0);
        PrometheusText.Gauge(text, "chaos_controller_mean_accelerator_utilization",
            "Mean accelerator utilisation of the replicas (their CPU stand-in without a GPU), 0 to 1, last interval.", observation.MeanUtilization ?? 0);
        PrometheusText.Gauge(text, "chaos_controller_p99_latency_seconds", "p99 latency across replicas over the last interval.", observation.P99Latency?.TotalSeconds ?? 0);
        return text.ToString();
    }
}
