namespace Chaos.Stack.Proxy;

/// <summary>The names of the proxy's modes on the wire and in scenarios.</summary>
public static class ProxyModes
{
    private static readonly Dictionary<string, ProxyMode> ByName = new(StringComparer.Ordinal)
    {
        ["off"] = ProxyMode.Off,
        ["latency"] = ProxyMode.Latency,
        ["bandwidth"] = ProxyMode.Bandwidth,
        ["reset"] = ProxyMode.Reset,
        ["timeout"] = ProxyMode.Timeout,
        ["slow-close"] = ProxyMode.SlowClose,
    };

    /// <summary>Every mode name.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <summary>The mode of a name, e.g. <c>slow-close</c>.</summary>
    public static bool TryParse(string? name, out ProxyMode mode) => ByName.TryGetValue(name ?? string.Empty, out mode);

    /// <summary>The wire name of a mode.</summary>
    public static string NameOf(ProxyMode mode) => ByName.First(p => p.Value == mode).Key;
}
