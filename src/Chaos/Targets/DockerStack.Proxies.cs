namespace Chaos.Targets;

/// <summary>The fault proxies: one <c>proxy</c> container in front of each inference replica, started only when asked for.</summary>
public sealed partial class DockerStack
{
    /// <summary>The port the proxies forward on, inside the run's network (published on 127.0.0.1 for the harness's probes).</summary>
    public const int ProxyTrafficPort = 9000;

    /// <summary>The alias of the proxy in front of a replica.</summary>
    public static string ProxyAliasOf(string replicaAlias) => $"proxy-{replicaAlias}";

    /// <summary>The registry's address as its readers use it: through its fault proxy when the stack has one.</summary>
    private string RegistryForReaders => _options.DependencyProxies ? $"http://{ProxyAliasOf("registry")}:{ProxyTrafficPort}" : RegistryNetworkUrl;

    // The proxy between the registry and its readers (dependency.slow): started right after the registry, before any reader.
    private Task<StackContainer> StartDependencyProxyAsync(CancellationToken cancellationToken) =>
        StartAsync("proxy", ProxyAliasOf("registry"),
            ["proxy", "--upstream", $"registry:{ServicePort}", "--listen-port", $"{ProxyTrafficPort}", "--port", $"{ServicePort}",
             "--admin-token", _options.AdminToken],
            cancellationToken, extraPort: ProxyTrafficPort);

    private async Task<List<string>> StartFaultProxiesAsync(IReadOnlyList<string> replicas, CancellationToken cancellationToken)
    {
        await Task.WhenAll(replicas.Select(replica => StartAsync("proxy", ProxyAliasOf(replica),
            ["proxy", "--upstream", $"{replica}:{ServicePort}", "--listen-port", $"{ProxyTrafficPort}", "--port", $"{ServicePort}",
             "--admin-token", _options.AdminToken],
            cancellationToken, extraPort: ProxyTrafficPort)));
        return replicas.Select(replica => $"http://{ProxyAliasOf(replica)}:{ProxyTrafficPort}").ToList();
    }
}
