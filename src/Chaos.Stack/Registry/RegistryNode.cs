using Chaos.Stack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Registry;

/// <summary>Builds the registry role: opens the store, seeds it if asked, then maps the API.</summary>
public static class RegistryNode
{
    /// <summary>Builds a server for <paramref name="options"/>; a seed folder that fails verification fails the start.</summary>
    public static async Task<StackServer> CreateAsync(RegistryOptions options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var builder = StackServer.CreateBuilder(options.Listen, options.MaxRequestBodyBytes);
        builder.Services.AddSingleton(timeProvider);
        var app = builder.Build();
        var loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();

        var store = await ModelStore.OpenAsync(options.StoreDirectory, timeProvider, loggerFactory.CreateLogger<ModelStore>(), cancellationToken);
        if (options.SeedFrom is { Length: > 0 } seedFrom)
        {
            try
            {
                await new RegistrySeeder(store, loggerFactory.CreateLogger<RegistrySeeder>()).SeedAsync(seedFrom, cancellationToken);
            }
            catch
            {
                store.Dispose();
                await app.DisposeAsync();
                throw;
            }
        }

        RegistryReplicator? replicator = null;
        RegistryClient? primary = null;
        if (options.ReplicateFrom is { } primaryUrl)
        {
            primary = RegistryClient.For(primaryUrl);
            replicator = new RegistryReplicator(primary, store, timeProvider, loggerFactory.CreateLogger<RegistryReplicator>());
        }

        var http = new HttpMetrics("chaos_registry", timeProvider);
        var metrics = new RegistryMetrics(http, store) { Replicator = replicator };
        var errors = new UnhandledErrorMiddleware(loggerFactory.CreateLogger<UnhandledErrorMiddleware>());
        var authorization = options.AdminToken is { Length: > 0 } token ? new AdminAuthorization(token) : null;

        app.Use(http.TrackAsync);
        app.Use(errors.InvokeAsync);
        new RegistryEndpoints(store, metrics, authorization, loggerFactory.CreateLogger<RegistryEndpoints>()) { Replicator = replicator }.Map(app);
        return replicator is null
            ? StackServer.From(app, store)
            : StackServer.From(app, store, primary!).WithLoop(stopping => replicator.RunAsync(options.ReplicateInterval, stopping));
    }
}
