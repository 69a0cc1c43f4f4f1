namespace Chaos.Observe;

/// <summary>One sample of a Prometheus text scrape: name, labels, value.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;
}
