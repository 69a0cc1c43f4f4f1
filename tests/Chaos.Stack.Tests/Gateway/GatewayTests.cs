using System.Net;
using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Chaos.Stack.Tests.Inference;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Gateway;

public sealed class GatewayTests(TrainedModelsFixture models) : IAsyncLifetime
{
    private GatewayReplicas replicas = null!;

    private StackServer first => replicas.First;
    private StackServer second => replicas.Second;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => replicas = await GatewayReplicas.StartAsync(models, withSimplifiedModel: false);

    public ValueTask DisposeAsync() => replicas.DisposeAsync();

    [Fact]
    public async Task Infer_TwoHealthyReplicas_RoundRobinsAndPassesReplicaHeader()
    {
        await using var gateway = await Nodes.StartGatewayAsync([first.BaseAddress, second.BaseAddress], retries: 3, circuitBreaker: true);
        using var client = Nodes.ClientFor(gateway);

        var replicas = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await PostValidAsync(client);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            replicas.Add(response.Headers.GetValues(StackHeaders.Replica).Single());
        }

        replicas.ShouldBe(["replica-1", "replica-2", "replica-1", "replica-2"]);
    }

    [Fact]
    public async Task Infer_OneReplicaStopped_KeepsAnswering200ByRetryingTheOther()
    {
        await using var gateway = await Nodes.StartGatewayAsync([first.BaseAddress, second.BaseAddress], retries: 3, circuitBreaker: true);
        using var client = Nodes.ClientFor(gateway);
        await first.StopAsync(Token);

        for (var i = 0; i < 6; i++)
        {
            using var response = await PostValidAsync(client);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.GetValues(StackHeaders.Replica).Single().ShouldBe("replica-2");
        }

        (await client.GetStringAsync("/metrics", Token)).ShouldContain("chaos_gateway_retries_total ");
    }

    [Fact]
    public async Task Infer_ReplicaKeepsFailing_BreakerOpensAndReplicaIsSkipped()
    {
        await using var gateway = await Nodes.StartGatewayAsync([first.BaseAddress, second.BaseAddress], retries: 3, circuitBreaker: true);
        using var client = Nodes.ClientFor(gateway);
        await first.StopAsync(Token);

        // Every other request starts at the stopped replica; four failures open its breaker (ratio 0.5, throughput 4).
        for (var i = 0; i < 8; i++)
        {
            using var warmup = await PostValidAsync(client);
        }

        var attempts = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await PostValidAsync(client);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            attempts.Add(response.Headers.GetValues(StackHeaders.Attempts).Single());
        }

        attempts.ShouldBe(["1", "1"]);
        (await client.GetStringAsync("/metrics", Token)).ShouldContain($"chaos_gateway_breaker_state{{replica=\"{first.BaseAddress.GetLeftPart(UriPartial.Authority)}\"}} 1");
    }

    [Fact]
    public async Task Infer_NoRetriesNoBreakerOneReplicaStopped_YieldsErrors()
    {
        await using var gateway = await Nodes.StartGatewayAsync([first.BaseAddress, second.BaseAddress], retries: 0, circuitBreaker: false);
        using var client = Nodes.ClientFor(gateway);
        await first.StopAsync(Token);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await PostValidAsync(client);
            statuses.Add(response.StatusCode);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await InferenceNodeTests.ShouldHaveErrorBody(response);
            }
        }

        statuses.ShouldBe([HttpStatusCode.BadGateway, HttpStatusCode.OK, HttpStatusCode.BadGateway, HttpStatusCode.OK]);
    }

    [Fact]
    public async Task Infer_ReplicaAnswers400_PassedThroughWithoutRetry()
    {
        await using var gateway = await Nodes.StartGatewayAsync([first.BaseAddress, second.BaseAddress], retries: 3, circuitBreaker: true);
        using var client = Nodes.ClientFor(gateway);
        var body = InferRequests.Body(InferRequests.Rows(1, 1), datatype: "FP64");

        using var response = await client.PostAsync("/v2/models/credit/infer", InferRequests.Json(body), Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.GetValues(StackHeaders.Attempts).Single().ShouldBe("1");
        await InferenceNodeTests.ShouldHaveErrorBody(response);
        (await client.GetStringAsync("/metrics", Token)).ShouldContain("chaos_gateway_retries_total 0");
    }

    [Fact]
    public async Task Infer_UnknownModel_404PassedThrough()
    {
        await using var gateway = await Nodes.StartGatewayAsync([first.BaseAddress, second.BaseAddress], retries: 3, circuitBreaker: true);
        using var client = Nodes.ClientFor(gateway);

        using var response = await client.PostAsync("/v2/models/fraud/infer", InferRequests.Json(InferRequests.Body(InferRequests.Rows(1, 1))), Token);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Headers.GetValues(StackHeaders.Attempts).Single().ShouldBe("1");
    }

    [Fact]
    public async Task Ready_OneReplicaUp_200AndAllDown_503()
    {
        await using var gateway = await Nodes.StartGatewayAsync([first.BaseAddress, second.BaseAddress], retries: 3, circuitBreaker: true);
        using var client = Nodes.ClientFor(gateway);
        await first.StopAsync(Token);

        using var oneUp = await client.GetAsync("/v2/health/ready", Token);
        await second.StopAsync(Token);
        using var allDown = await client.GetAsync("/v2/health/ready", Token);

        oneUp.StatusCode.ShouldBe(HttpStatusCode.OK);
        allDown.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    private static Task<HttpResponseMessage> PostValidAsync(HttpClient client) =>
        client.PostAsync("/v2/models/credit/infer", InferRequests.Json(InferRequests.Body(InferRequests.Rows(2, 3))), Token);
}
