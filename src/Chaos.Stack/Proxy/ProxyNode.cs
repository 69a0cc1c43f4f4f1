using Chaos.Stack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Proxy;

/// <summary>The <c>proxy</c> role: a <see cref="TcpFaultProxy"/> and the Kestrel server of its admin API, started and stopped together.</summary>
public sealed class ProxyNode : IAsyncDisposable
{
    private readonly StackServer server;

    private ProxyNode(StackServer server, TcpFaultProxy proxy, ProxySettings settings)
    {
        this.server = server;
        Proxy = proxy;
        Settings = settings;
    }

    /// <summary>The proxy (its bound endpoint and counters).</summary>
    public TcpFaultProxy Proxy { get; }

    /// <summary>The fault in effect.</summary>
    public ProxySettings Settings { get; }

    /// <summary>The admin API's address once started.</summary>
    public Uri AdminAddress => server.BaseAddress;

    /// <summary>Binds the proxy's listener and builds the admin server; call <see cref="StartAsync"/> or <see cref="RunAsync"/>.</summary>
    public static ProxyNode Create(ProxyOptions options, TimeProvider time)
    {
        var settings = new ProxySettings();
        var proxy = new TcpFaultProxy(options.Listen, options.Upstream, settings, options.Seed, time);
        var builder = StackServer.CreateBuilder(options.Admin, 64 * 1024);
        var app = builder.Build();
        var admin = new ProxyAdminEndpoints(settings, proxy, new AdminAuthorization(options.AdminToken), app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<ProxyAdminEndpoints>());
        admin.Map(app);
        return new ProxyNode(StackServer.From(app), proxy, settings);
    }

    /// <summary>Starts the proxy, then the admin API.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Proxy.Start();
        await server.StartAsync(cancellationToken);
    }

    /// <summary>Runs until the process is asked to stop.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Proxy.Start();
        await server.RunAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}
