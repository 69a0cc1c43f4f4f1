using Chaos.Stack.Hosting;
using Chaos.Stack.Ml;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Gateway;

/// <summary>The real inference nodes a gateway test stands in front of: two primaries, and the simplified model when asked.</summary>
internal sealed class GatewayReplicas : IAsyncDisposable
{
    private GatewayReplicas(StackServer first, StackServer second, StackServer? simple)
    {
        First = first;
        Second = second;
        Simple = simple;
    }

    public StackServer First { get; }
    public StackServer Second { get; }
    /// <summary>The fallback replica serving credit-simple; null unless started with it.</summary>
    public StackServer? Simple { get; }

    public static async Task<GatewayReplicas> StartAsync(TrainedModelsFixture models, bool withSimplifiedModel)
    {
        var first = await Nodes.StartInferenceAsync(models.ModelDirectory, replicaName: "replica-1", disableCuda: true);
        var second = await Nodes.StartInferenceAsync(models.ModelDirectory, replicaName: "replica-2", disableCuda: true);
        var simple = withSimplifiedModel
            ? await Nodes.StartInferenceAsync(models.ModelDirectory, replicaName: "simple-1", model: ModelKind.CreditSimple, disableCuda: true)
            : null;
        return new GatewayReplicas(first, second, simple);
    }

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        if (Simple is not null)
        {
            await Simple.DisposeAsync();
        }
    }
}
