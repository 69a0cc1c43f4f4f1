using Chaos.Stack.Gateway;
using Chaos.Stack.Hosting;

namespace Chaos.Stack.Tests.Gateway;

/// <summary>Starts gateways with any options on loopback port 0.</summary>
public static class GatewayTestNodes
{
    public const string AdminToken = "test-admin-token";

    public static GatewayOptions Options(IReadOnlyList<Uri> replicas, int retries = 3, bool circuitBreaker = true) =>
        new(replicas, "credit", ListenAddress.LoopbackAnyPort, retries, circuitBreaker, TimeSpan.FromSeconds(5), Seed: 7);

    public static async Task<StackServer> StartAsync(GatewayOptions options)
    {
        var server = GatewayNode.Create(options, TimeProvider.System);
        await server.StartAsync(TestContext.Current.CancellationToken);
        return server;
    }
}
