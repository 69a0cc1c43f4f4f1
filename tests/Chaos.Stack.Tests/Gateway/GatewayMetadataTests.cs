using System.Net;
using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Gateway;

public sealed class GatewayMetadataTests(TrainedModelsFixture models) : IAsyncLifetime
{
    private GatewayReplicas replicas = null!;

    private StackServer first => replicas.First;
    private StackServer second => replicas.Second;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => replicas = await GatewayReplicas.StartAsync(models, withSimplifiedModel: false);

    public ValueTask DisposeAsync() => replicas.DisposeAsync();

    [Fact]
    public async Task ModelMetadata_HealthyReplicas_ForwardsReplicaAnswer()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(GatewayTestNodes.Options([first.BaseAddress, second.BaseAddress]));
        using var client = Nodes.ClientFor(gateway);

        using var response = await client.GetAsync("/v2/models/credit", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        body.RootElement.GetProperty("name").GetString().ShouldBe("credit");
    }

    [Fact]
    public async Task ModelReady_FirstReplicaStopped_AnsweredByTheOther()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(GatewayTestNodes.Options([first.BaseAddress, second.BaseAddress]));
        using var client = Nodes.ClientFor(gateway);
        await first.StopAsync(Token);

        using var startsAtStopped = await client.GetAsync("/v2/models/credit/ready", Token);
        using var startsAtHealthy = await client.GetAsync("/v2/models/credit/ready", Token);

        startsAtStopped.StatusCode.ShouldBe(HttpStatusCode.OK);
        startsAtStopped.Headers.GetValues(StackHeaders.Attempts).Single().ShouldBe("2");
        startsAtHealthy.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ModelMetadata_UnknownModel_404PassedThrough()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(GatewayTestNodes.Options([first.BaseAddress, second.BaseAddress]));
        using var client = Nodes.ClientFor(gateway);

        using var response = await client.GetAsync("/v2/models/fraud", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Headers.GetValues(StackHeaders.Attempts).Single().ShouldBe("1");
    }
}
