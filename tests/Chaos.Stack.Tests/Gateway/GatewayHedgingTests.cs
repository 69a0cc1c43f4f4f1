using System.Net;
using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Gateway;

public sealed class GatewayHedgingTests(TrainedModelsFixture models) : IAsyncLifetime
{
    private StalledReplica stalled = null!;
    private StackServer healthy = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        stalled = await StalledReplica.StartAsync();
        healthy = await Nodes.StartInferenceAsync(models.ModelDirectory, replicaName: "replica-2", disableCuda: true);
    }

    public async ValueTask DisposeAsync()
    {
        await stalled.DisposeAsync();
        await healthy.DisposeAsync();
    }

    [Fact]
    public async Task Infer_FirstReplicaStalls_HedgedAttemptOnOtherReplicaAnswers()
    {
        // No retries and a long attempt timeout: only the hedge can answer this request.
        var options = GatewayTestNodes.Options([stalled.BaseAddress, healthy.BaseAddress], retries: 0, circuitBreaker: false) with
        {
            AttemptTimeout = TimeSpan.FromMinutes(2),
            Hedging = true,
            HedgingDelay = TimeSpan.FromMilliseconds(50),
        };
        await using var gateway = await GatewayTestNodes.StartAsync(options);
        using var client = Nodes.ClientFor(gateway);

        using var response = await PostValidAsync(client);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues(StackHeaders.Replica).Single().ShouldBe("replica-2");
        response.Headers.GetValues(StackHeaders.Attempts).Single().ShouldBe("2");
        (await client.GetStringAsync("/metrics", Token)).ShouldContain("chaos_gateway_hedged_attempts_total 1");
    }

    [Fact]
    public async Task Infer_HedgingOffFirstReplicaStalls_AttemptTimesOut()
    {
        var options = GatewayTestNodes.Options([stalled.BaseAddress, healthy.BaseAddress], retries: 0, circuitBreaker: false) with
        {
            AttemptTimeout = TimeSpan.FromMilliseconds(300),
            Hedging = false,
        };
        await using var gateway = await GatewayTestNodes.StartAsync(options);
        using var client = Nodes.ClientFor(gateway);

        using var response = await PostValidAsync(client);

        response.StatusCode.ShouldBe(HttpStatusCode.GatewayTimeout);
        (await client.GetStringAsync("/metrics", Token)).ShouldContain("chaos_gateway_hedged_attempts_total 0");
    }

    private static Task<HttpResponseMessage> PostValidAsync(HttpClient client) =>
        client.PostAsync("/v2/models/credit/infer", InferRequests.Json(InferRequests.Body(InferRequests.Rows(2, 3))), Token);
}
