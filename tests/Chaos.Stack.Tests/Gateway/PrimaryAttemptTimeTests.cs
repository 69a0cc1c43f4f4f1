using System.Net;
using Chaos.Stack.Gateway;
using Chaos.Stack.Gateway.Injection;
using Chaos.Stack.Hosting;
using Polly;

namespace Chaos.Stack.Tests.Gateway;

public sealed class PrimaryAttemptTimeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Attempt_ToAPrimaryReplica_AddsItsTimeOutstanding_AndAFallbackReplicaAddsNothing()
    {
        var metrics = new GatewayMetrics(new HttpMetrics("chaos_gateway", TimeProvider.System), [], new ChaosInjector(new ChaosSettings(), seed: 1));
        using var http = new HttpClient(new Answering());
        var client = new ReplicaClient(http, metrics);
        var request = new ReplicaRequest(HttpMethod.Get, "/v2/health/ready", Body: null, ContentType: null);

        using (await client.AttemptAsync(Replica("http://fallback:8080", lastResort: true), request, Token))
        {
        }

        metrics.PrimaryAttemptSeconds.ShouldBe(0);

        using (await client.AttemptAsync(Replica("http://a:8080", lastResort: false), request, Token))
        {
        }

        metrics.PrimaryAttemptSeconds.ShouldBeGreaterThan(0);
        metrics.Render().ShouldContain($"{GatewayMetrics.PrimaryAttemptSecondsName} ");
    }

    [Fact]
    public void RecordPrimaryAttemptTime_SumsTheAttempts()
    {
        var metrics = new GatewayMetrics(new HttpMetrics("chaos_gateway", TimeProvider.System), [], new ChaosInjector(new ChaosSettings(), seed: 1));

        metrics.RecordPrimaryAttemptTime(TimeSpan.FromMilliseconds(250));
        metrics.RecordPrimaryAttemptTime(TimeSpan.FromMilliseconds(1250));

        metrics.PrimaryAttemptSeconds.ShouldBe(1.5);
        metrics.Render().ShouldContain($"{GatewayMetrics.PrimaryAttemptSecondsName} 1.5\n");
    }

    private static Replica Replica(string url, bool lastResort) =>
        new(new Uri(url), ResiliencePipeline<HttpResponseMessage>.Empty, breaker: null, lastResort: lastResort);

    private sealed class Answering : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }
}
