using System.Net;

namespace Chaos.Load;

/// <summary>The HTTP handler load is sent through: one pooled connection per in-flight slot, nothing between it and the socket.</summary>
public static class LoadHandler
{
    public static SocketsHttpHandler Create(int maxInFlight, TimeSpan connectTimeout) => new()
    {
        MaxConnectionsPerServer = Math.Max(1, maxInFlight),
        ConnectTimeout = connectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
    };
}
