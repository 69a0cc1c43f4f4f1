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

    /// <summary>Starts listening.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => app.StartAsync(cancellationToken);

    /// <summary>Stops listening; in-flight requests finish first.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => app.StopAsync(cancellationToken);

    /// <summary>Runs until the process is asked to stop (SIGTERM, Ctrl-C) or the token fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        foreach (var disposable in owned)
        {
            disposable.Dispose();
        }
    }
}
