using Chaos.Stack.Gateway;
using Chaos.Stack.Hosting;
using Chaos.Stack.Inference;

namespace Chaos.Stack.Tests.Support;

/// <summary>Starts real roles on loopback port 0.</summary>
public static class Nodes
{
    public static async Task<StackServer> StartInferenceAsync(string modelDirectory, string replicaName = "replica-test", string model = "credit", bool disableCuda = false)
    {
        var options = new InferenceOptions(modelDirectory, model, ListenAddress.LoopbackAnyPort, replicaName, disableCuda);
        var server = await InferenceNode.CreateAsync(options, TimeProvider.System, TestContext.Current.CancellationToken);
        await server.StartAsync(TestContext.Current.CancellationToken);
        return server;
    }

    public static async Task<StackServer> StartGatewayAsync(IReadOnlyList<Uri> replicas, int retries, bool circuitBreaker)
    {
        var options = new GatewayOptions(replicas, "credit", ListenAddress.LoopbackAnyPort, retries, circuitBreaker, TimeSpan.FromSeconds(5), Seed: 7);
        var server = GatewayNode.Create(options, TimeProvider.System);
        await server.StartAsync(TestContext.Current.CancellationToken);
        return server;
    }

    public static HttpClient ClientFor(StackServer server) => new() { BaseAddress = server.BaseAddress };
}
