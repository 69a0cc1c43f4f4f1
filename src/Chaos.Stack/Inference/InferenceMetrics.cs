using System.Globalization;
using System.Text;
using Chaos.Stack.Hosting;

namespace Chaos.Stack.Inference;

/// <summary>
/// Prometheus metrics of an inference node: HTTP series, queue depth, accelerator utilisation (its measured CPU stand-in when
/// the provider is cpu), model version, provider, readiness and reloads.
/// </summary>
public sealed class InferenceMetrics(HttpMetrics http, ModelSlot slot, ScoringGate scoring, string modelName, string replicaName)
{
    private const string ReloadsName = "chaos_inference_reloads_total";
    private long reloadsOk;
    private long reloadsRefused;

    /// <summary>The queue depth series the controller scales on.</summary>
    public const string QueueDepthName = "chaos_inference_queue_depth";

    /// <summary>The accelerator utilisation series the controller scales on (0 to 1).</summary>
    public const string UtilizationName = "chaos_inference_accelerator_utilization";

    /// <summary>0 while the accelerator is lost.</summary>
    public const string AcceleratorAvailableName = "chaos_inference_accelerator_available";

    /// <summary>The HTTP series shared with the middleware.</summary>
    public HttpMetrics Http => http;

    /// <summary>Reloads that swapped in a new model.</summary>
    public long ReloadsOk => Interlocked.Read(ref reloadsOk);

    /// <summary>Reloads refused (digest mismatch, truncated file, load error): the old model kept serving.</summary>
    public long ReloadsRefused => Interlocked.Read(ref reloadsRefused);

    /// <summary>Counts one reload by its outcome.</summary>
    public void RecordReload(bool swapped) => Interlocked.Increment(ref swapped ? ref reloadsOk : ref reloadsRefused);

    /// <summary>Whether the node's accelerator is available (false while it is lost); null leaves the gauge out.</summary>
    public Func<bool>? AcceleratorAvailable { get; init; }

    /// <summary>The whole scrape in Prometheus text format.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        http.WriteTo(text);
        var model = slot.Model;
        var provider = model?.Provider ?? "none";
        PrometheusText.Gauge(text, QueueDepthName, "Requests waiting for a scoring slot now.", scoring.QueueDepth, ("replica", replicaName));
        PrometheusText.Gauge(text, "chaos_inference_scoring_slots", "Model runs allowed at once (requests beyond wait in the queue).", scoring.Slots, ("replica", replicaName));
        // No GPU: the busy fraction of the scoring slots stands in for accelerator utilisation, labelled so nobody mistakes it.
        var source = provider == ExecutionProvider.Cuda ? "scoring-slots-busy" : "cpu-standin";
        PrometheusText.Gauge(text, UtilizationName,
            "Busy fraction of the scoring slots over the last 5 s, 0 to 1 (source cpu-standin: measured on CPU, no accelerator present).",
            scoring.Utilization(), ("replica", replicaName), ("provider", provider), ("source", source));
        PrometheusText.Counter(text, "chaos_inference_accelerator_busy_seconds_total", "Time the scoring slots spent running the model.",
            scoring.BusySeconds, ("replica", replicaName), ("provider", provider), ("source", source));
        if (AcceleratorAvailable is { } available)
        {
            PrometheusText.Gauge(text, AcceleratorAvailableName, "0 while the node's accelerator is lost (its model then runs on the CPU), else 1.",
                available() ? 1 : 0, ("replica", replicaName));
        }

        PrometheusText.Gauge(text, "chaos_inference_model_ready", "1 when the model is loaded and verified.", model is null ? 0 : 1,
            ("model", modelName), ("replica", replicaName));
        var version = model is not null && double.TryParse(model.Entry.Version, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : 0;
        PrometheusText.Gauge(text, "chaos_inference_model_version", "The version of the model served; 0 when none is loaded.", version,
            ("model", modelName), ("replica", replicaName));
        if (model is not null)
        {
            PrometheusText.Gauge(text, "chaos_inference_model_info", "The model served: version, digest and execution provider.", 1,
                ("model", modelName), ("version", model.Entry.Version), ("provider", model.Provider),
                ("sha256", model.Entry.Sha256), ("replica", replicaName));
        }

        text.Append(CultureInfo.InvariantCulture, $"# HELP {ReloadsName} Model reloads by outcome: ok swapped the model in, refused kept the old one.\n");
        text.Append(CultureInfo.InvariantCulture, $"# TYPE {ReloadsName} counter\n");
        text.Append(CultureInfo.InvariantCulture, $"{ReloadsName}{{result=\"ok\",replica=\"{PrometheusText.Escape(replicaName)}\"}} {ReloadsOk}\n");
        text.Append(CultureInfo.InvariantCulture, $"{ReloadsName}{{result=\"refused\",replica=\"{PrometheusText.Escape(replicaName)}\"}} {ReloadsRefused}\n");
        return text.ToString();
    }
}
