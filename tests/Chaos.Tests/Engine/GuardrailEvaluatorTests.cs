using Chaos.Engine;
using Chaos.Load;
using Chaos.Scenarios;

namespace Chaos.Tests.Engine;

public sealed class GuardrailEvaluatorTests
{
    private static readonly GuardrailSpec ErrorRateAbove50For3 =
        new(KnownGuardrailMetrics.ErrorRate, new Threshold(Comparison.GreaterThan, 0.5), TimeSpan.FromSeconds(3), 1, 1);

    [Fact]
    public void Check_BreachForFewerSecondsThanFor_DoesNotTrip() =>
        GuardrailEvaluator.Check(ErrorRateAbove50For3, [Second(0, failed: 0), Second(1, failed: 90), Second(2, failed: 90), Second(3, failed: 0)])
            .ShouldBeNull();

    [Fact]
    public void Check_BreachForConsecutiveSeconds_TripsWithTheWindow()
    {
        var trip = GuardrailEvaluator.Check(ErrorRateAbove50For3, [Second(0, failed: 0), Second(1, failed: 60), Second(2, failed: 100), Second(3, failed: 80)]);

        trip.ShouldNotBeNull();
        trip.FromSecond.ShouldBe(1);
        trip.ToSecond.ShouldBe(3);
        trip.LastValue.ShouldBe(0.8);
    }

    [Fact]
    public void Check_ExactlyAtTheLimit_DoesNotTrip() =>
        GuardrailEvaluator.Check(ErrorRateAbove50For3, [Second(0, failed: 50), Second(1, failed: 50), Second(2, failed: 50)]).ShouldBeNull();

    [Fact]
    public void Check_SecondWithoutTraffic_BreaksTheStreak() =>
        GuardrailEvaluator.Check(ErrorRateAbove50For3, [Second(0, failed: 100), Empty(1), Second(2, failed: 100), Second(3, failed: 100)]).ShouldBeNull();

    [Fact]
    public void Check_AvailabilityBelow_TripsOnLowAvailability()
    {
        var availabilityBelow20 = new GuardrailSpec(KnownGuardrailMetrics.Availability, new Threshold(Comparison.LessThan, 0.2), TimeSpan.FromSeconds(1), 1, 1);

        GuardrailEvaluator.Check(availabilityBelow20, [Second(0, failed: 85)]).ShouldNotBeNull();
        GuardrailEvaluator.Check(availabilityBelow20, [Second(0, failed: 75)]).ShouldBeNull();
    }

    [Fact]
    public void Value_DroppedRequests_CountAsErrors() =>
        GuardrailEvaluator.Value(KnownGuardrailMetrics.ErrorRate, Counts(0, ok: 50, dropped: 50)).ShouldBe(0.5);

    private static IntervalCounts Second(int index, long failed) => Counts(index, ok: 100 - failed, serverError: failed);

    private static IntervalCounts Empty(int index) => Counts(index, ok: 0);

    private static IntervalCounts Counts(int index, long ok, long serverError = 0, long dropped = 0)
    {
        var counts = Enum.GetValues<Outcome>().ToDictionary(o => o, _ => 0L);
        counts[Outcome.Ok] = ok;
        counts[Outcome.ServerError] = serverError;
        counts[Outcome.Dropped] = dropped;
        return new IntervalCounts(index, counts, null);
    }
}
