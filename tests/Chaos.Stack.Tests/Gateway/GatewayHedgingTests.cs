using System.Net;
using Chaos.Stack.Contracts;
using Chaos.Stack.Gateway;
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
        var options = StalledThenHealthy(circuitBreaker: false, hedgingDelay: TimeSpan.FromMilliseconds(50));
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

    [Fact]
    public async Task Infer_ReplicaLosesEveryRaceToHedges_SlowCallsOpenItsBreakerAndItGetsNoFirstAttempts()
    {
        // The stalled replica never fails: its attempts are only ever cancelled by a hedge that won. Counted as slow calls,
        // they open its breaker (4 calls at >= 50% within 10 s), after which requests go to the healthy replica first.
        var options = StalledThenHealthy(circuitBreaker: true, hedgingDelay: TimeSpan.FromMilliseconds(100)) with { BreakerBreakDuration = TimeSpan.FromMinutes(1) };
        await using var gateway = await GatewayTestNodes.StartAsync(options);
        using var client = Nodes.ClientFor(gateway);
        var stalledLabel = stalled.BaseAddress.GetLeftPart(UriPartial.Authority);
        var opened = $"chaos_gateway_breaker_state{{replica=\"{stalledLabel}\"}} 1";

        // Bounded: at most 40 requests; every one is answered by the healthy replica, hedged or not.
        var sent = 0;
        while (sent < 40 && !(await client.GetStringAsync("/metrics", Token)).Contains(opened, StringComparison.Ordinal))
        {
            using var response = await PostValidAsync(client);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            sent++;
        }

        var metrics = await client.GetStringAsync("/metrics", Token);
        metrics.ShouldContain(opened, customMessage: $"the stalled replica's breaker did not open after {sent} requests");
        metrics.ShouldContain($"chaos_gateway_attempts_total{{replica=\"{stalledLabel}\",outcome=\"slow\"}}");
        for (var i = 0; i < 4; i++)
        {
            using var response = await PostValidAsync(client);
            response.Headers.GetValues(StackHeaders.Attempts).Single().ShouldBe("1", "with the breaker open every request starts on the healthy replica");
            response.Headers.GetValues(StackHeaders.Replica).Single().ShouldBe("replica-2");
        }
    }

    [Fact]
    public async Task Infer_NoCircuitBreaker_SlowCallsAreCountedButTheStalledReplicaKeepsGettingFirstAttempts()
    {
        var options = StalledThenHealthy(circuitBreaker: false, hedgingDelay: TimeSpan.FromMilliseconds(100));
        await using var gateway = await GatewayTestNodes.StartAsync(options);
        using var client = Nodes.ClientFor(gateway);

        var attempts = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await PostValidAsync(client);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            attempts.Add(response.Headers.GetValues(StackHeaders.Attempts).Single());
        }

        // Round robin: half the requests start on the stalled replica and need the hedge, to the end.
        attempts.Count(a => a == "2").ShouldBe(4);
        attempts.TakeLast(2).ShouldContain("2");
        var stalledLabel = stalled.BaseAddress.GetLeftPart(UriPartial.Authority);
        (await client.GetStringAsync("/metrics", Token)).ShouldContain($"chaos_gateway_attempts_total{{replica=\"{stalledLabel}\",outcome=\"slow\"}}");
    }

    [Fact]
    public async Task Metrics_FreshGateway_ShowTheHedgingDelayAtItsConfiguredFloor()
    {
        // Fewer answers than AdaptiveHedgingDelay.MinimumSamples: the configured delay (its adaptation is unit-tested).
        await using var gateway = await GatewayTestNodes.StartAsync(StalledThenHealthy(circuitBreaker: true, hedgingDelay: TimeSpan.FromMilliseconds(50)));
        using var client = Nodes.ClientFor(gateway);

        var metrics = await client.GetStringAsync("/metrics", Token);

        metrics.ShouldContain("\nchaos_gateway_hedging_delay_seconds 0.05\n");
    }

    // The stalled replica first, the healthy one second; no retries and a 2-minute attempt timeout, so only a hedge answers
    // a request that starts on the stalled one.
    private GatewayOptions StalledThenHealthy(bool circuitBreaker, TimeSpan hedgingDelay) =>
        GatewayTestNodes.Options([stalled.BaseAddress, healthy.BaseAddress], retries: 0, circuitBreaker) with
        {
            AttemptTimeout = TimeSpan.FromMinutes(2),
            Hedging = true,
            HedgingDelay = hedgingDelay,
        };

    private static Task<HttpResponseMessage> PostValidAsync(HttpClient client) =>
        client.PostAsync("/v2/models/credit/infer", InferRequests.Json(InferRequests.Body(InferRequests.Rows(2, 3))), Token);
}
