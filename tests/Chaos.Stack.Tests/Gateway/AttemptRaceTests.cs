using Chaos.Stack.Gateway;
using Polly;

namespace Chaos.Stack.Tests.Gateway;

public sealed class AttemptRaceTests
{
    private static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(100);
    private readonly Replica first = new(new Uri("http://inference-1:8080"), ResiliencePipeline<HttpResponseMessage>.Empty, breaker: null);
    private readonly Replica second = new(new Uri("http://inference-2:8080"), ResiliencePipeline<HttpResponseMessage>.Empty, breaker: null);

    [Fact]
    public void LostAsSlowCall_AnotherReplicaAnsweredQuickly_TheSilentOneIsSlow()
    {
        var race = new AttemptRace();
        race.Answered(second, TimeSpan.FromMilliseconds(5));

        race.LostAsSlowCall(first, TimeSpan.FromMilliseconds(105), Threshold).ShouldBeTrue();
    }

    [Fact]
    public void LostAsSlowCall_NobodyAnswered_NotSlow()
    {
        // The caller went away or every attempt failed: a cancellation says nothing about this replica.
        new AttemptRace().LostAsSlowCall(first, TimeSpan.FromSeconds(1), Threshold).ShouldBeFalse();
    }

    [Fact]
    public void LostAsSlowCall_TheWinnerWasSlowToo_NotSlow()
    {
        // Both replicas slow (the machine, not the replica): no breaker should open on it.
        var race = new AttemptRace();
        race.Answered(second, TimeSpan.FromMilliseconds(150));

        race.LostAsSlowCall(first, TimeSpan.FromMilliseconds(250), Threshold).ShouldBeFalse();
    }

    [Fact]
    public void LostAsSlowCall_CancelledBeforeTheThreshold_NotSlow()
    {
        var race = new AttemptRace();
        race.Answered(second, TimeSpan.FromMilliseconds(5));

        race.LostAsSlowCall(first, TimeSpan.FromMilliseconds(40), Threshold).ShouldBeFalse();
    }

    [Fact]
    public void LostAsSlowCall_SameReplicaAnswered_NotSlow()
    {
        var race = new AttemptRace();
        race.Answered(first, TimeSpan.FromMilliseconds(5));

        race.LostAsSlowCall(first, TimeSpan.FromMilliseconds(105), Threshold).ShouldBeFalse();
    }

    [Fact]
    public void Answered_KeepsTheFirstWinner()
    {
        var race = new AttemptRace();
        race.Answered(second, TimeSpan.FromMilliseconds(5));
        race.Answered(first, TimeSpan.FromMilliseconds(500));

        race.LostAsSlowCall(first, TimeSpan.FromMilliseconds(105), Threshold).ShouldBeTrue();
    }
}
