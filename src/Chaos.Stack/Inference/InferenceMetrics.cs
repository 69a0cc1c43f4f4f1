using System.Text;
using Chaos.Stack.Hosting;

namespace Chaos.Stack.Inference;

/// <summary>Prometheus metrics of an inference node: HTTP series plus model version, provider and readiness.</summary>
public sealed class InferenceMetrics(HttpMetrics http, ModelSlot slot, string modelName, string replicaName)
{
    /// <summary>The HTTP series shared with the middleware.</summary>
    public HttpMetrics Http => http;

    /// <summary>The whole scrape in Prometheus text format.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        http.WriteTo(text);
        PrometheusText.Gauge(text, "chaos_inference_model_ready", "1 when the model is loaded and verified.", slot.Model is null ? 0 : 1,
            ("model", modelName), ("replica", replicaName));
        if (slot.Model is { } model)
        {
            PrometheusText.Gauge(text, "chaos_inference_model_info", "The model served: version, digest and execution provider.", 1,
                ("model", modelName), ("version", model.Entry.Version), ("provider", model.Provider),
                ("sha256", model.Entry.Sha256), ("replica", replicaName));
        }

        return text.ToString();
    }
}
