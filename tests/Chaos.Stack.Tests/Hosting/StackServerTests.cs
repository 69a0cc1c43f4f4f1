using Chaos.Stack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Chaos.Stack.Tests.Hosting;

public sealed class StackServerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // A replica's replication loop once wrote a temporary version folder after its test had disposed the node and was
    // deleting the store folder: the loop was fire-and-forget, cancelled but never awaited.
    [Fact]
    public async Task DisposeAsync_LoopStillFinishingItsWork_WaitsForItBeforeDisposingWhatItOwns()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var owned = new Owned();
        bool? ownedAliveAtLoopEnd = null;
        var server = Server(owned).WithLoop(async stopping =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            // The last write of a pass, still under way when the stop comes: it takes longer than the server's own
            // disposal, so a server that did not wait for the loop would have disposed what it owns by now.
            await Task.Delay(TimeSpan.FromMilliseconds(300), CancellationToken.None);
            ownedAliveAtLoopEnd = !owned.Disposed;
        });
        await server.StartAsync(Token);
        await started.Task.WaitAsync(Token);

        await server.DisposeAsync();

        ownedAliveAtLoopEnd.ShouldBe(true);
        owned.Disposed.ShouldBeTrue();
    }

    [Fact]
    public async Task StopAsync_CancelsTheLoopsAndWaitsForThem()
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = Server(new Owned()).WithLoop(async stopping =>
        {
            await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            await Task.Delay(TimeSpan.FromMilliseconds(300), CancellationToken.None);
            ended.SetResult();
        });
        await server.StartAsync(Token);

        await server.StopAsync(Token);

        ended.Task.IsCompleted.ShouldBeTrue();
    }

    [Fact]
    public async Task Loop_NotStartedBeforeTheServerStarts()
    {
        var ran = false;
        await using var server = Server(new Owned()).WithLoop(_ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        ran.ShouldBeFalse();
    }

    private static StackServer Server(Owned owned)
    {
        var app = StackServer.CreateBuilder(ListenAddress.LoopbackAnyPort, 1024).Build();
        app.MapGet("/", () => Results.Ok());
        return StackServer.From(app, owned);
    }

    private sealed class Owned : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
