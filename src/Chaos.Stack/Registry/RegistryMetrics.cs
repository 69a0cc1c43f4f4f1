using System.Globalization;
using System.Text;
using Chaos.Stack.Hosting;

namespace Chaos.Stack.Registry;

/// <summary>Prometheus metrics of the registry: HTTP series plus versions and champion per model.</summary>
public sealed class RegistryMetrics(HttpMetrics http, ModelStore store)
{
    /// <summary>The replication of a read replica; null on a primary (no replication series).</summary>
    public RegistryReplicator? Replicator { get; init; }

    /// <summary>The HTTP series shared with the middleware.</summary>
    public HttpMetrics Http => http;

    /// <summary>The whole scrape in Prometheus text format.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        http.WriteTo(text);
        var names = store.ModelNames();
        const string versions = "chaos_registry_model_versions";
        const string champion = "chaos_registry_champion_version";
        text.Append(CultureInfo.InvariantCulture, $"# HELP {versions} Versions registered per model.\n# TYPE {versions} gauge\n");
        foreach (var name in names)
        {
            PrometheusText.GaugeSeries(text, versions, store.Versions(name)?.Count ?? 0, ("model", name));
        }

        text.Append(CultureInfo.InvariantCulture, $"# HELP {champion} The version the champion alias points at per model; 0 when unset.\n# TYPE {champion} gauge\n");
        foreach (var name in names)
        {
            var version = int.TryParse(store.Aliases(name).Champion, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;
            PrometheusText.GaugeSeries(text, champion, version, ("model", name));
        }

        if (Replicator is { } replicator)
        {
            const string lag = "chaos_registry_replication_lag_seconds";
            const string copied = "chaos_registry_replicated_versions_total";
            const string failed = "chaos_registry_replication_failures_total";
            text.Append(CultureInfo.InvariantCulture, $"# HELP {lag} Age of the primary state this replica is known to hold (start of the last complete copy); -1 before the first.\n# TYPE {lag} gauge\n");
            PrometheusText.GaugeSeries(text, lag, replicator.LagSeconds ?? -1);
            text.Append(CultureInfo.InvariantCulture, $"# HELP {copied} Model versions copied from the primary.\n# TYPE {copied} counter\n");
            PrometheusText.GaugeSeries(text, copied, replicator.Copied);
            text.Append(CultureInfo.InvariantCulture, $"# HELP {failed} Replication passes that failed (primary unreachable, a copy refused).\n# TYPE {failed} counter\n");
            PrometheusText.GaugeSeries(text, failed, replicator.Failures);
        }

        return text.ToString();
    }
}
