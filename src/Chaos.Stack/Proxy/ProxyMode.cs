namespace Chaos.Stack.Proxy;

/// <summary>What the TCP fault proxy does to the connections through it.</summary>
public enum ProxyMode
{
    /// <summary>Pass-through: bytes are forwarded unchanged.</summary>
    Off,

    /// <summary>Each chunk from upstream to the client waits latency ± jitter (uniform) before it is forwarded.</summary>
    Latency,

    /// <summary>Both directions are throttled to a rate in bytes per second.</summary>
    Bandwidth,

    /// <summary>New and active connections are reset (RST, linger 0).</summary>
    Reset,

    /// <summary>Black hole: connections are accepted, bytes read and dropped, nothing is answered.</summary>
    Timeout,

    /// <summary>When one side closes, the other side is closed only after a delay.</summary>
    SlowClose,
}
