using System.Net;

namespace Chaos.Load;

/// <summary>The HTTP handler load is sent through: one pooled connection per in-flight slot, nothing between it and the socket.</summary>
public static class LoadHandler
{
    /// <summary>How long a load connection is kept before a new one replaces it (both transports).</summary>
    public static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(5);

    public static SocketsHttpHandler Create(int maxInFlight, TimeSpan connectTimeout) => new()
    {
        MaxConnectionsPerServer = Math.Max(1, maxInFlight),
        ConnectTimeout = connectTimeout,
        PooledConnectionLifetime = ConnectionLifetime,
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
    };
}
