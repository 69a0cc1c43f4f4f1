using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Chaos.Stack.Tests.Inference;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Gateway;

public sealed class GatewayAdminTests(TrainedModelsFixture models) : IAsyncLifetime
{
    private GatewayReplicas replicas = null!;

    private StackServer first => replicas.First;
    private StackServer second => replicas.Second;
    private StackServer simple => replicas.Simple!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => replicas = await GatewayReplicas.StartAsync(models, withSimplifiedModel: true);

    public ValueTask DisposeAsync() => replicas.DisposeAsync();

    [Fact]
    public async Task Admin_NoToken_401WithErrorBody()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(Options(fallback: false));
        using var client = Nodes.ClientFor(gateway);

        using var response = await client.PostAsync("/admin/chaos", InferRequests.Json("""{"fault":{"rate":1}}"""), Token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await InferenceNodeTests.ShouldHaveErrorBody(response);
    }

    [Fact]
    public async Task Admin_WrongToken_401()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(Options(fallback: false));
        using var client = Nodes.ClientFor(gateway);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayTestNodes.AdminToken + "x");

        using var response = await client.GetAsync("/admin/chaos", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await InferenceNodeTests.ShouldHaveErrorBody(response);
    }

    [Fact]
    public async Task Admin_NoAdminTokenConfigured_404()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(Options(fallback: false) with { AdminToken = null });
        using var client = AdminClient(gateway);

        using var response = await client.PostAsync("/admin/chaos", InferRequests.Json("""{"fault":{"rate":1}}"""), Token);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admin_InvalidConfiguration_400ListingEveryProblem()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(Options(fallback: false));
        using var client = AdminClient(gateway);

        using var response = await client.PostAsync("/admin/chaos", InferRequests.Json("""{"fault":{"rate":2},"latency":{"rate":0.5}}"""), Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = await response.Content.ReadAsStringAsync(Token);
        error.ShouldContain("fault.rate");
        error.ShouldContain("latency.delay");
    }

    [Fact]
    public async Task Admin_PostThenGet_ShowsMergedStateAndDeleteClearsIt()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(Options(fallback: false));
        using var client = AdminClient(gateway);

        using var latency = await client.PostAsync("/admin/chaos", InferRequests.Json("""{"latency":{"rate":0.5,"delay":"200ms"}}"""), Token);
        using var outcome = await client.PostAsync("/admin/chaos", InferRequests.Json("""{"outcome":{"rate":0.1}}"""), Token);
        using var shown = JsonDocument.Parse(await client.GetStringAsync("/admin/chaos", Token));
        using var deleted = await client.DeleteAsync("/admin/chaos", Token);

        latency.StatusCode.ShouldBe(HttpStatusCode.OK);
        outcome.StatusCode.ShouldBe(HttpStatusCode.OK);
        shown.RootElement.GetProperty("latency").GetProperty("delay").GetString().ShouldBe("200ms");
        shown.RootElement.GetProperty("outcome").GetProperty("status").GetInt32().ShouldBe(503);
        shown.RootElement.TryGetProperty("fault", out _).ShouldBeFalse();
        deleted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetStringAsync("/admin/chaos", Token)).ShouldBe("{}");
    }

    [Fact]
    public async Task Infer_ChaosFaultRateOne_AttemptsFailAndSimplifiedModelAnswers()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(Options(fallback: true));
        using var client = AdminClient(gateway);
        using var on = await client.PostAsync("/admin/chaos", InferRequests.Json("""{"fault":{"rate":1.0}}"""), Token);

        using var response = await PostValidAsync(client);

        on.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues(DegradedHeaders.Reason).Single().ShouldBe(DegradedHeaders.SimplifiedModel);
        response.Headers.GetValues(StackHeaders.Attempts).Single().ShouldBe("3");
        var metrics = await client.GetStringAsync("/metrics", Token);
        metrics.ShouldContain("chaos_gateway_chaos_injections_total{kind=\"fault\"} 3");
        metrics.ShouldContain("chaos_gateway_retries_total 2");
        metrics.ShouldContain("chaos_gateway_degraded_answers_total{reason=\"simplified-model\"} 1");
        metrics.ShouldContain("outcome=\"chaos-fault\"");
    }

    [Fact]
    public async Task Infer_ChaosFaultRateOneWithoutFallback_RetriesThenBadGateway()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(Options(fallback: false));
        using var client = AdminClient(gateway);
        using var on = await client.PostAsync("/admin/chaos", InferRequests.Json("""{"fault":{"rate":1.0}}"""), Token);

        using var response = await PostValidAsync(client);

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        await InferenceNodeTests.ShouldHaveErrorBody(response);
        (await client.GetStringAsync("/metrics", Token)).ShouldContain("chaos_gateway_retries_total 2");
    }

    [Fact]
    public async Task Infer_ChaosOutcome503RateOne_FallsBackToCachedAnswer()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(Options(fallback: true) with { FallbackReplicas = [] });
        using var client = AdminClient(gateway);
        using var warm = await PostValidAsync(client);
        using var on = await client.PostAsync("/admin/chaos", InferRequests.Json("""{"outcome":{"rate":1.0,"status":503}}"""), Token);

        using var response = await PostValidAsync(client);

        warm.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues(DegradedHeaders.Reason).Single().ShouldBe(DegradedHeaders.Cache);
        (await client.GetStringAsync("/metrics", Token)).ShouldContain("chaos_gateway_chaos_injections_total{kind=\"outcome\"} 3");
    }

    [Fact]
    public async Task Infer_ChaosLatencyBeyondAttemptTimeout_TimesOutAndFallsBack()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(Options(fallback: true) with { Retries = 0, AttemptTimeout = TimeSpan.FromMilliseconds(200) });
        using var client = AdminClient(gateway);
        using var on = await client.PostAsync("/admin/chaos", InferRequests.Json("""{"latency":{"rate":1.0,"delay":"1m"}}"""), Token);

        using var response = await PostValidAsync(client);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues(DegradedHeaders.Reason).Single().ShouldBe(DegradedHeaders.SimplifiedModel);
        var metrics = await client.GetStringAsync("/metrics", Token);
        metrics.ShouldContain("chaos_gateway_chaos_injections_total{kind=\"latency\"} 1");
        metrics.ShouldContain("outcome=\"timeout\"");
    }

    [Fact]
    public async Task Infer_ChaosDeleted_NormalAnswersAgain()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(Options(fallback: true));
        using var client = AdminClient(gateway);
        using var on = await client.PostAsync("/admin/chaos", InferRequests.Json("""{"fault":{"rate":1.0}}"""), Token);
        using var degraded = await PostValidAsync(client);
        using var off = await client.DeleteAsync("/admin/chaos", Token);

        using var response = await PostValidAsync(client);

        degraded.Headers.Contains(DegradedHeaders.Degraded).ShouldBeTrue();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Contains(DegradedHeaders.Degraded).ShouldBeFalse();
        response.Headers.GetValues(StackHeaders.Replica).Single().ShouldStartWith("replica-");
    }

    private static HttpClient AdminClient(StackServer gateway)
    {
        var client = Nodes.ClientFor(gateway);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayTestNodes.AdminToken);
        return client;
    }

    private static Task<HttpResponseMessage> PostValidAsync(HttpClient client) =>
        client.PostAsync("/v2/models/credit/infer", InferRequests.Json(InferRequests.Body(InferRequests.Rows(2, 3))), Token);

    // Breaker off so three injected faults in a row do not open it and change the attempt outcomes under test.
    private Chaos.Stack.Gateway.GatewayOptions Options(bool fallback) =>
        GatewayTestNodes.Options([first.BaseAddress, second.BaseAddress], retries: 2, circuitBreaker: false) with
        {
            Fallback = fallback,
            FallbackReplicas = [simple.BaseAddress],
            AdminToken = GatewayTestNodes.AdminToken,
        };
}
