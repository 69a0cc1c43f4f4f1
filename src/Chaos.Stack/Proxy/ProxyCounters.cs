using System.Globalization;
using System.Text;
using Chaos.Stack.Hosting;

namespace Chaos.Stack.Proxy;

/// <summary>What the proxy did, for the harness to observe a fault take effect: thread-safe counters and their Prometheus text.</summary>
public sealed class ProxyCounters
{
    private long connections;
    private long active;
    private long bytesUpstream;
    private long bytesDownstream;
    private long delayedChunks;
    private long delayMicroseconds;
    private long throttleWaits;
    private long resets;
    private long blackholed;
    private long slowCloses;

    /// <summary>Connections accepted.</summary>
    public long Connections => Interlocked.Read(ref connections);

    /// <summary>Connections open now.</summary>
    public long Active => Interlocked.Read(ref active);

    /// <summary>Bytes forwarded from clients to upstream.</summary>
    public long BytesUpstream => Interlocked.Read(ref bytesUpstream);

    /// <summary>Bytes forwarded from upstream to clients.</summary>
    public long BytesDownstream => Interlocked.Read(ref bytesDownstream);

    /// <summary>Chunks the latency mode delayed.</summary>
    public long DelayedChunks => Interlocked.Read(ref delayedChunks);

    /// <summary>Sum of the injected delays.</summary>
    public TimeSpan DelayTotal => TimeSpan.FromMicroseconds(Interlocked.Read(ref delayMicroseconds));

    /// <summary>Times the bandwidth mode made a chunk wait.</summary>
    public long ThrottleWaits => Interlocked.Read(ref throttleWaits);

    /// <summary>Connections reset by the reset mode.</summary>
    public long Resets => Interlocked.Read(ref resets);

    /// <summary>Connections whose bytes the timeout mode swallowed.</summary>
    public long Blackholed => Interlocked.Read(ref blackholed);

    /// <summary>Closes the slow-close mode held back.</summary>
    public long SlowCloses => Interlocked.Read(ref slowCloses);

    /// <summary>Injections of one mode, as the fault kinds verify them.</summary>
    public long FaultsOf(ProxyMode mode) => mode switch
    {
        ProxyMode.Latency => DelayedChunks,
        ProxyMode.Bandwidth => ThrottleWaits,
        ProxyMode.Reset => Resets,
        ProxyMode.Timeout => Blackholed,
        ProxyMode.SlowClose => SlowCloses,
        _ => 0,
    };

    internal void Opened()
    {
        Interlocked.Increment(ref connections);
        Interlocked.Increment(ref active);
    }

    internal void Closed() => Interlocked.Decrement(ref active);

    internal void Forwarded(bool towardUpstream, int bytes) => Interlocked.Add(ref towardUpstream ? ref bytesUpstream : ref bytesDownstream, bytes);

    internal void Delayed(TimeSpan delay)
    {
        Interlocked.Increment(ref delayedChunks);
        Interlocked.Add(ref delayMicroseconds, (long)delay.TotalMicroseconds);
    }

    internal void Throttled() => Interlocked.Increment(ref throttleWaits);

    internal void Reset() => Interlocked.Increment(ref resets);

    internal void Blackhole() => Interlocked.Increment(ref blackholed);

    internal void SlowClose() => Interlocked.Increment(ref slowCloses);

    /// <summary>The counters in Prometheus text format; <c>chaos_proxy_faults_total{mode}</c> is what fault kinds verify.</summary>
    public string ToPrometheus(ProxyFaultConfiguration current)
    {
        var text = new StringBuilder();
        PrometheusText.Counter(text, "chaos_proxy_connections_total", "Connections accepted.", Connections);
        PrometheusText.Gauge(text, "chaos_proxy_connections_active", "Connections open now.", Active);
        text.Append("# HELP chaos_proxy_bytes_total Bytes forwarded.\n# TYPE chaos_proxy_bytes_total counter\n");
        text.Append(CultureInfo.InvariantCulture, $"chaos_proxy_bytes_total{{direction=\"upstream\"}} {BytesUpstream}\n");
        text.Append(CultureInfo.InvariantCulture, $"chaos_proxy_bytes_total{{direction=\"downstream\"}} {BytesDownstream}\n");
        text.Append("# HELP chaos_proxy_faults_total Injections by mode (delayed chunks, throttle waits, resets, black-holed connections, held closes).\n");
        text.Append("# TYPE chaos_proxy_faults_total counter\n");
        foreach (var mode in new[] { ProxyMode.Latency, ProxyMode.Bandwidth, ProxyMode.Reset, ProxyMode.Timeout, ProxyMode.SlowClose })
        {
            text.Append(CultureInfo.InvariantCulture, $"chaos_proxy_faults_total{{mode=\"{ProxyModes.NameOf(mode)}\"}} {FaultsOf(mode)}\n");
        }

        PrometheusText.Gauge(text, "chaos_proxy_delay_seconds_sum", "Sum of injected latency.", DelayTotal.TotalSeconds);
        PrometheusText.Gauge(text, "chaos_proxy_mode", "The mode in effect (1 for the current one).", 1, ("mode", current.Mode));
        return text.ToString();
    }
}
