using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Hosting;

/// <summary>A Kestrel server of one role: start, learn the bound address, stop, dispose with what it owns.</summary>
public sealed class StackServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly IDisposable[] owned;
    private readonly List<Func<CancellationToken, Task>> loops = [];
    private readonly CancellationTokenSource loopsStopping = new();
    private Task loopsDone = Task.CompletedTask;

    private StackServer(WebApplication app, IDisposable[] owned)
    {
        this.app = app;
        this.owned = owned;
    }

    /// <summary>The address the server listens on, with the real port once started.</summary>
    public Uri BaseAddress
    {
        get
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    /// <summary>A builder with Kestrel bound to <paramref name="listen"/> and the body size limit set; config comes only from arguments.</summary>
    public static WebApplicationBuilder CreateBuilder(ListenAddress listen, long maxRequestBodyBytes)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(listen.Url);
        // One line per event, and none per request: per-request logging costs more than inference on two cores.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Information);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = maxRequestBodyBytes;
        });
        return builder;
    }

    /// <summary>Wraps a built application; <paramref name="owned"/> are disposed after the server stops.</summary>
    public static StackServer From(WebApplication app, params IDisposable[] owned) => new(app, owned);

    /// <summary>
    /// Adds a background loop (replication, champion following, retraining triggers) that starts once the server listens
    /// and is cancelled and awaited when it stops, before what the server owns is disposed: a loop never writes to a
    /// closed store or a deleted folder. The loop handles its own failures; it ends when the token fires.
    /// </summary>
    public StackServer WithLoop(Func<CancellationToken, Task> loop)
    {
        loops.Add(loop);
        return this;
    }

    /// <summary>Starts listening, then the loops.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        StartLoops();
    }

    /// <summary>Stops the loops and waits for them, then stops listening; in-flight requests finish first.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await StopLoopsAsync();
        await app.StopAsync(cancellationToken);
    }

    /// <summary>Runs until the process is asked to stop (SIGTERM, Ctrl-C) or the token fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        StartLoops();
        await app.WaitForShutdownAsync(cancellationToken);
        await StopLoopsAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopLoopsAsync();
        await app.DisposeAsync();
        foreach (var disposable in owned)
        {
            disposable.Dispose();
        }

        loopsStopping.Dispose();
    }

    private void StartLoops()
    {
        if (loops.Count == 0)
        {
            return;
        }

        app.Lifetime.ApplicationStopping.Register(loopsStopping.Cancel);
        var token = loopsStopping.Token;
        loopsDone = Task.WhenAll(loops.Select(loop => Task.Run(() => loop(token), CancellationToken.None)));
    }

    private async Task StopLoopsAsync()
    {
        if (!loopsStopping.IsCancellationRequested)
        {
            await loopsStopping.CancelAsync();
        }

        try
        {
            await loopsDone;
        }
        catch (OperationCanceledException)
        {
            // A loop that ends by throwing on its cancelled token has ended as asked.
        }
    }
}
