using System.Text.Json.Serialization;

namespace Chaos.Stack.Proxy;

/// <summary>
/// The proxy's fault as its admin API carries it, e.g. <c>{"mode":"latency","latency_ms":200,"jitter_ms":50}</c>,
/// <c>{"mode":"bandwidth","bytes_per_second":16384}</c>, <c>{"mode":"slow-close","close_delay_ms":2000}</c>.
/// </summary>
public sealed record ProxyFaultConfiguration
{
    /// <summary>Pass-through.</summary>
    public static ProxyFaultConfiguration Off { get; } = new() { Mode = "off" };

    /// <summary>off | latency | bandwidth | reset | timeout | slow-close.</summary>
    public required string Mode { get; init; }

    /// <summary>Mean added delay of the latency mode, in milliseconds.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>Half-width of the uniform jitter around the mean, in milliseconds (0 when absent).</summary>
    public double? JitterMs { get; init; }

    /// <summary>Rate of the bandwidth mode, per direction and connection.</summary>
    public long? BytesPerSecond { get; init; }

    /// <summary>How long the slow-close mode holds the other side open after one side closed, in milliseconds.</summary>
    public double? CloseDelayMs { get; init; }

    /// <summary>The mode as an enum; only meaningful after validation.</summary>
    [JsonIgnore]
    public ProxyMode ParsedMode => ProxyModes.TryParse(Mode, out var mode) ? mode : ProxyMode.Off;
}
