using System.Net;
using Chaos.Stack.Hosting;

namespace Chaos.Stack.Proxy;

/// <summary>How a proxy runs: where it listens for traffic, where it forwards it, and its admin API.</summary>
public sealed record ProxyOptions(IPEndPoint Listen, string UpstreamHost, int UpstreamPort, ListenAddress Admin, string AdminToken, int Seed)
{
    /// <summary>The default port of the proxied traffic (the admin API is on the role's usual port, 8080).</summary>
    public const int DefaultProxyPort = 9000;

    /// <summary>The upstream endpoint; a host name is resolved on every connection (a replaced replica keeps its alias).</summary>
    public EndPoint Upstream => IPAddress.TryParse(UpstreamHost, out var address) ? new IPEndPoint(address, UpstreamPort) : new DnsEndPoint(UpstreamHost, UpstreamPort);
}
