using System.Net;
using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Chaos.Stack.Ml;
using Chaos.Stack.Tests.Ml;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Gateway;

public sealed class GatewayFallbackTests(TrainedModelsFixture models) : IAsyncLifetime
{
    private GatewayReplicas replicas = null!;

    private StackServer first => replicas.First;
    private StackServer second => replicas.Second;
    private StackServer simple => replicas.Simple!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => replicas = await GatewayReplicas.StartAsync(models, withSimplifiedModel: true);

    public ValueTask DisposeAsync() => replicas.DisposeAsync();

    [Fact]
    public async Task Infer_AllPrimariesStoppedWithFallbackReplica_AnswersFromSimplifiedModelMarkedDegraded()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(Options(fallback: true, withSimplifiedModel: true));
        using var client = Nodes.ClientFor(gateway);
        await StopPrimariesAsync();
        var rows = InferRequests.Rows(4, seed: 21);
        var entry = models.Entry(ModelKind.CreditSimple);
        var expected = CreditTrainerTests.Predict(Path.Combine(models.ModelDirectory, entry.File), entry.OnnxInput, entry.OnnxOutput, rows);

        using var response = await client.PostAsync("/v2/models/credit/infer", InferRequests.Json(InferRequests.Body(rows)), Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues(DegradedHeaders.Degraded).Single().ShouldBe("true");
        response.Headers.GetValues(DegradedHeaders.Reason).Single().ShouldBe(DegradedHeaders.SimplifiedModel);
        response.Headers.GetValues(StackHeaders.Replica).Single().ShouldBe("simple-1");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        body.RootElement.GetProperty("model_name").GetString().ShouldBe("credit");
        var actual = Probabilities(body);
        actual.Length.ShouldBe(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            actual[i].ShouldBe(expected[i], 1e-5f);
        }
    }

    [Fact]
    public async Task Infer_AllPrimariesStoppedNoFallbackReplica_RepeatedInputsServedFromCache()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(Options(fallback: true, withSimplifiedModel: false));
        using var client = Nodes.ClientFor(gateway);
        var body = InferRequests.Body(InferRequests.Rows(2, seed: 3));
        using var fresh = await client.PostAsync("/v2/models/credit/infer", InferRequests.Json(body), Token);
        using var freshBody = JsonDocument.Parse(await fresh.Content.ReadAsStringAsync(Token));
        await StopPrimariesAsync();

        using var cached = await client.PostAsync("/v2/models/credit/infer", InferRequests.Json(body.Replace("\"t-1\"", "\"t-2\"", StringComparison.Ordinal)), Token);

        fresh.Headers.Contains(DegradedHeaders.Degraded).ShouldBeFalse();
        cached.StatusCode.ShouldBe(HttpStatusCode.OK);
        cached.Headers.GetValues(DegradedHeaders.Degraded).Single().ShouldBe("true");
        cached.Headers.GetValues(DegradedHeaders.Reason).Single().ShouldBe(DegradedHeaders.Cache);
        using var cachedBody = JsonDocument.Parse(await cached.Content.ReadAsStringAsync(Token));
        cachedBody.RootElement.GetProperty("id").GetString().ShouldBe("t-2");
        Probabilities(cachedBody).ShouldBe(Probabilities(freshBody));
        (await client.GetStringAsync("/metrics", Token)).ShouldContain("chaos_gateway_degraded_answers_total{reason=\"cache\"} 1");
    }

    [Fact]
    public async Task Infer_AllPrimariesStoppedInputsNeverSeen_ErrorWithoutDegradedMark()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(Options(fallback: true, withSimplifiedModel: false));
        using var client = Nodes.ClientFor(gateway);
        using var warm = await client.PostAsync("/v2/models/credit/infer", InferRequests.Json(InferRequests.Body(InferRequests.Rows(2, seed: 3))), Token);
        await StopPrimariesAsync();

        using var response = await client.PostAsync("/v2/models/credit/infer", InferRequests.Json(InferRequests.Body(InferRequests.Rows(2, seed: 4))), Token);

        ((int)response.StatusCode).ShouldBeGreaterThanOrEqualTo(500);
        response.Headers.Contains(DegradedHeaders.Degraded).ShouldBeFalse();
    }

    [Fact]
    public async Task Infer_FallbackOffAllPrimariesStopped_Answers5xx()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(Options(fallback: false, withSimplifiedModel: true));
        using var client = Nodes.ClientFor(gateway);
        var body = InferRequests.Body(InferRequests.Rows(2, seed: 3));
        using var fresh = await client.PostAsync("/v2/models/credit/infer", InferRequests.Json(body), Token);
        await StopPrimariesAsync();

        using var response = await client.PostAsync("/v2/models/credit/infer", InferRequests.Json(body), Token);

        fresh.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        response.Headers.Contains(DegradedHeaders.Degraded).ShouldBeFalse();
    }

    [Fact]
    public async Task Ready_AllPrimariesStoppedFallbackReplicaUp_200MarkedDegraded()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(Options(fallback: true, withSimplifiedModel: true));
        using var client = Nodes.ClientFor(gateway);
        await StopPrimariesAsync();

        using var response = await client.GetAsync("/v2/health/ready", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues(DegradedHeaders.Degraded).Single().ShouldBe("true");
    }

    [Fact]
    public async Task Ready_FallbackOffAllPrimariesStopped_503()
    {
        await using var gateway = await GatewayTestNodes.StartAsync(Options(fallback: false, withSimplifiedModel: true));
        using var client = Nodes.ClientFor(gateway);
        await StopPrimariesAsync();

        using var response = await client.GetAsync("/v2/health/ready", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    internal static float[] Probabilities(JsonDocument body) =>
        body.RootElement.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetSingle()).ToArray();

    private Chaos.Stack.Gateway.GatewayOptions Options(bool fallback, bool withSimplifiedModel) =>
        GatewayTestNodes.Options([first.BaseAddress, second.BaseAddress], retries: 2, circuitBreaker: true) with
        {
            Fallback = fallback,
            FallbackReplicas = withSimplifiedModel ? [simple.BaseAddress] : [],
        };

    private async Task StopPrimariesAsync()
    {
        await first.StopAsync(Token);
        await second.StopAsync(Token);
    }
}
