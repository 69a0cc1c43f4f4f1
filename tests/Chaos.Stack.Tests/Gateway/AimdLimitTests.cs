using System.Net;
using Chaos.Stack.Gateway;
using Chaos.Stack.Gateway.Injection;
using Chaos.Stack.Hosting;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Timeout;

namespace Chaos.Stack.Tests.Gateway;

public sealed class AimdLimitTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(50);
    private readonly FakeTimeProvider clock = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private AimdLimit Limit(int max = 8) => new(max, slowAnswer: TimeSpan.FromMilliseconds(500), decreaseSpacing: TimeSpan.FromSeconds(1), clock);

    [Fact]
    public void StartsAtItsMaximum_AndAnswersInTimeKeepItThere()
    {
        var limit = Limit();
        for (var i = 0; i < 100; i++)
        {
            limit.Answered(Fast);
        }

        limit.Current.ShouldBe(8);
    }

    [Fact]
    public void Overloaded_HalvesOncePerSpacing_DownToOne()
    {
        var limit = Limit();

        limit.Overloaded();
        limit.Current.ShouldBe(4);

        // The rest of the same queue timing out a moment later: no second halving.
        clock.Advance(TimeSpan.FromMilliseconds(300));
        limit.Overloaded();
        limit.Current.ShouldBe(4);

        clock.Advance(TimeSpan.FromSeconds(1));
        limit.Overloaded();
        limit.Current.ShouldBe(2);
        clock.Advance(TimeSpan.FromSeconds(1));
        limit.Overloaded();
        clock.Advance(TimeSpan.FromSeconds(1));
        limit.Overloaded();
        limit.Current.ShouldBe(1);
    }

    [Fact]
    public void ALateAnswer_CountsAsOverload()
    {
        var limit = Limit();

        limit.Answered(TimeSpan.FromMilliseconds(600));

        limit.Current.ShouldBe(4);
    }

    [Fact]
    public void AnswersInTime_GrowTheBoundBackByAboutOnePerBoundsWorth_UpToTheMaximum()
    {
        var limit = Limit(max: 4);
        limit.Overloaded();
        clock.Advance(TimeSpan.FromSeconds(1));
        limit.Overloaded();
        limit.Current.ShouldBe(1);

        // 1 -> 2 -> 2.5 -> 2.9 -> 3.24: each answer adds 1 / bound.
        limit.Answered(Fast);
        limit.Current.ShouldBe(2);
        limit.Answered(Fast);
        limit.Answered(Fast);
        limit.Current.ShouldBe(2);
        limit.Answered(Fast);
        limit.Current.ShouldBe(3);

        for (var i = 0; i < 50; i++)
        {
            limit.Answered(Fast);
        }

        limit.Current.ShouldBe(4);
    }

    [Fact]
    public void Replica_RefusesBeyondItsAdaptedBound()
    {
        var limit = Limit();
        var replica = new Replica(new Uri("http://a:8080"), ResiliencePipeline<HttpResponseMessage>.Empty, breaker: null, maxOutstanding: 8) { Limit = limit };
        limit.Overloaded();
        clock.Advance(TimeSpan.FromSeconds(1));
        limit.Overloaded();

        replica.CurrentBound.ShouldBe(2);
        replica.TryEnter().ShouldBeTrue();
        replica.TryEnter().ShouldBeTrue();
        replica.IsFull.ShouldBeTrue();
        replica.TryEnter().ShouldBeFalse();
    }

    [Fact]
    public async Task Attempt_ThatTimesOut_HalvesTheReplicasBound_AndARefusedConnectionDoesNot()
    {
        var metrics = new GatewayMetrics(new HttpMetrics("chaos_gateway", TimeProvider.System), [], new ChaosInjector(new ChaosSettings(), seed: 1));
        var request = new ReplicaRequest(HttpMethod.Get, "/v2/health/ready", Body: null, ContentType: null);

        var refusedLimit = Limit();
        using (var refusing = new HttpClient(new Throwing(new HttpRequestException("connection refused"))))
        {
            await Should.ThrowAsync<HttpRequestException>(async () =>
                await new ReplicaClient(refusing, metrics).AttemptAsync(Replica(refusedLimit), request, Token));
        }

        refusedLimit.Current.ShouldBe(8);

        var timedOutLimit = Limit();
        using (var timingOut = new HttpClient(new Throwing(new TimeoutRejectedException())))
        {
            await Should.ThrowAsync<TimeoutRejectedException>(async () =>
                await new ReplicaClient(timingOut, metrics).AttemptAsync(Replica(timedOutLimit), request, Token));
        }

        timedOutLimit.Current.ShouldBe(4);
    }

    private static Replica Replica(AimdLimit limit) =>
        new(new Uri("http://a:8080"), ResiliencePipeline<HttpResponseMessage>.Empty, breaker: null, maxOutstanding: limit.Max) { Limit = limit };

    private sealed class Throwing(Exception exception) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(exception);
    }
}
