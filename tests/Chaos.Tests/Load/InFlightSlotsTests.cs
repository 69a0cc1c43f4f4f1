using Chaos.Load;

namespace Chaos.Tests.Load;

public sealed class InFlightSlotsTests
{
    [Fact]
    public void TryTake_AtCapacity_RefusesUntilOneIsReleased()
    {
        var slots = new InFlightSlots(2);

        slots.TryTake().ShouldBeTrue();
        slots.TryTake().ShouldBeTrue();
        slots.TryTake().ShouldBeFalse();
        slots.Release();

        slots.TryTake().ShouldBeTrue();
        slots.InFlight.ShouldBe(2);
    }

    [Fact]
    public void Idle_NothingInFlightButNotClosed_StillPending()
    {
        var slots = new InFlightSlots(4);
        slots.TryTake();
        slots.Release();

        slots.Idle.IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public void Idle_ClosedWithOneInFlight_CompletesWhenItIsReleased()
    {
        var slots = new InFlightSlots(4);
        slots.TryTake();
        slots.Close();

        slots.Idle.IsCompleted.ShouldBeFalse();
        slots.Release();

        slots.Idle.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public void Idle_ClosedWithNothingInFlight_Completes()
    {
        var slots = new InFlightSlots(1);

        slots.Close();

        slots.Idle.IsCompletedSuccessfully.ShouldBeTrue();
    }
}
