using Chaos.Stack.Inference;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Stack.Tests.Inference;

public sealed class ScoringGateTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_AllSlotsTaken_FurtherRequestsCountInTheQueue()
    {
        using var gate = new ScoringGate(1, new FakeTimeProvider());
        using var release = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();

        var first = Task.Run(() => gate.RunAsync(() => { started.Set(); release.Wait(Token); return 1; }, Token), Token);
        started.Wait(Token);
        var second = gate.RunAsync(() => 2, Token);
        var third = gate.RunAsync(() => 3, Token);

        gate.QueueDepth.ShouldBe(2);
        gate.Running.ShouldBe(1);
        release.Set();
        (await Task.WhenAll(first, second, third)).ShouldBe([1, 2, 3]);
        gate.QueueDepth.ShouldBe(0);
    }

    [Fact]
    public async Task Utilization_BusyTimeOverTheWindowAndSlots()
    {
        var time = new FakeTimeProvider();
        using var gate = new ScoringGate(2, time);

        // Five whole seconds, each with 1 s of model time in total on 2 slots: half busy.
        for (var second = 0; second < 5; second++)
        {
            await gate.RunAsync(() => { time.Advance(TimeSpan.FromMilliseconds(500)); return 0; }, Token);
            await gate.RunAsync(() => { time.Advance(TimeSpan.FromMilliseconds(499)); return 0; }, Token);
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        gate.Utilization().ShouldBe(0.4995, tolerance: 1e-9);
        gate.BusySeconds.ShouldBe(4.995, tolerance: 1e-9);
        time.Advance(TimeSpan.FromSeconds(10));
        gate.Utilization().ShouldBe(0);
    }

    [Fact]
    public void Utilization_Idle_IsZero()
    {
        using var gate = new ScoringGate(4, new FakeTimeProvider());

        gate.Utilization().ShouldBe(0);
    }
}
