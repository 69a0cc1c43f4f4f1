using Chaos.Stack.Gateway;
using Polly;

namespace Chaos.Stack.Tests.Gateway;

public sealed class ReplicaBulkheadTests
{
    [Fact]
    public void TryEnter_UpToTheBound_ThenRefuses_AndExitFreesAPlace()
    {
        var replica = Replica("http://a:8080", maxOutstanding: 2);

        replica.TryEnter().ShouldBeTrue();
        replica.TryEnter().ShouldBeTrue();
        replica.IsFull.ShouldBeTrue();
        replica.TryEnter().ShouldBeFalse();
        replica.Outstanding.ShouldBe(2);

        replica.Exit();
        replica.IsFull.ShouldBeFalse();
        replica.TryEnter().ShouldBeTrue();
    }

    [Fact]
    public void TryEnter_NoBound_NeverRefuses()
    {
        var replica = Replica("http://a:8080", maxOutstanding: 0);
        for (var i = 0; i < 1000; i++)
        {
            replica.TryEnter().ShouldBeTrue();
        }

        replica.IsFull.ShouldBeFalse();
    }

    [Fact]
    public void Pick_SkipsAFullReplica_WhileAnotherHasRoom()
    {
        var full = Replica("http://a:8080", maxOutstanding: 1);
        var free = Replica("http://b:8080", maxOutstanding: 1);
        full.TryEnter().ShouldBeTrue();
        var set = new ReplicaSet([full, free]);

        set.Pick(start: 0, attempt: 0).ShouldBeSameAs(free);
    }

    [Fact]
    public void Pick_EveryReplicaFull_ReturnsThePlainNextOne_WhichRefusesTheAttempt()
    {
        var a = Replica("http://a:8080", maxOutstanding: 1);
        var b = Replica("http://b:8080", maxOutstanding: 1);
        a.TryEnter().ShouldBeTrue();
        b.TryEnter().ShouldBeTrue();

        var picked = new ReplicaSet([a, b]).Pick(start: 1, attempt: 0);

        picked.ShouldBeSameAs(b);
        picked.TryEnter().ShouldBeFalse();
    }

    [Fact]
    public void Busy_IsATransientFailure_AnsweredAs503()
    {
        var busy = new ReplicaBusyException("a:8080", 8);

        AttemptFailures.IsTransient(Outcome.FromException<HttpResponseMessage>(busy)).ShouldBeTrue();
        AttemptFailures.Describe(Outcome.FromException<HttpResponseMessage>(busy)).ShouldBe("busy");
        AttemptFailures.ToGatewayError(busy).Status.ShouldBe(System.Net.HttpStatusCode.ServiceUnavailable);
    }

    private static Replica Replica(string url, int maxOutstanding) =>
        new(new Uri(url), ResiliencePipeline<HttpResponseMessage>.Empty, breaker: null, maxOutstanding: maxOutstanding);
}
