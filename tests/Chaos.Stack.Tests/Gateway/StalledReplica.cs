using Chaos.Stack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Chaos.Stack.Tests.Gateway;

/// <summary>A replica that takes every inference call and never answers until the caller gives up.</summary>
public sealed class StalledReplica : IAsyncDisposable
{
    private readonly StackServer server;
    private StalledReplica(StackServer server) => this.server = server;

    public Uri BaseAddress => server.BaseAddress;

    public static async Task<StalledReplica> StartAsync()
    {
        var app = StackServer.CreateBuilder(ListenAddress.LoopbackAnyPort, 1024 * 1024).Build();
        app.MapPost("/v2/models/{model}/infer", async (HttpContext context) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The gateway gave up on this attempt.
            }
        });
        var replica = new StalledReplica(StackServer.From(app));
        await replica.server.StartAsync(TestContext.Current.CancellationToken);
        return replica;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
