using System.Globalization;
using System.Text;
using Chaos.Stack.Hosting;

namespace Chaos.Stack.Registry;

/// <summary>Prometheus metrics of the registry: HTTP series plus versions and champion per model.</summary>
public sealed class RegistryMetrics(HttpMetrics http, ModelStore store)
{
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

        return text.ToString();
    }
}
