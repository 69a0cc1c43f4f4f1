using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Chaos.Stack.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Inference;

/// <summary>Builds the inference role: loads and verifies the model (folder or registry), then maps the OIP v2 and admin endpoints.</summary>
public static class InferenceNode
{
    /// <summary>Builds a server for <paramref name="options"/>; it serves unready when the model fails verification.</summary>
    public static async Task<StackServer> CreateAsync(InferenceOptions options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var builder = StackServer.CreateBuilder(options.Listen, options.MaxRequestBodyBytes);
        builder.Services.AddSingleton(timeProvider);
        var app = builder.Build();
        var loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();

        var sessions = new SessionFactory(loggerFactory.CreateLogger<SessionFactory>(), options.DisableCuda);
        var loader = new ModelLoader(sessions, options.IntegrityCheck, loggerFactory.CreateLogger<ModelLoader>());
        var registry = options.RegistryUrl is { } registryUrl ? RegistryClient.For(registryUrl) : null;
        IModelSource source = registry is null
            ? new DirectoryModelSource(loader, options.ModelDirectory, options.ModelName)
            : new RegistryModelSource(loader, registry, options.ModelName);
        var slot = ModelSlot.From(await source.LoadAsync(version: null, cancellationToken));

        var http = new HttpMetrics("chaos_inference", timeProvider);
        var scoring = new ScoringGate(options.ScoringSlots, timeProvider);
        var metrics = new InferenceMetrics(http, slot, scoring, options.ModelName, options.ReplicaName) { AcceleratorAvailable = () => !sessions.AcceleratorLost };
        var errors = new UnhandledErrorMiddleware(loggerFactory.CreateLogger<UnhandledErrorMiddleware>());
        var authorization = options.AdminToken is { Length: > 0 } token ? new AdminAuthorization(token) : null;
        var reload = new ReloadEndpoints(source, slot, metrics, authorization, options.ModelName, loggerFactory.CreateLogger<ReloadEndpoints>());

        app.Use((context, next) =>
        {
            context.Response.Headers[StackHeaders.Replica] = options.ReplicaName;
            return next(context);
        });
        app.Use(http.TrackAsync);
        app.Use(errors.InvokeAsync);
        new InferenceEndpoints(options, slot, metrics, scoring).Map(app);
        reload.Map(app);
        new AcceleratorEndpoints(sessions, slot, reload, authorization, loggerFactory.CreateLogger<AcceleratorEndpoints>()).Map(app);
        if (registry is null)
        {
            return StackServer.From(app, slot, reload, scoring);
        }

        var server = StackServer.From(app, slot, reload, scoring, registry);
        if (options.FollowChampion > TimeSpan.Zero)
        {
            var follower = new ChampionFollower(registry, options.ModelName, slot, reload, timeProvider, loggerFactory.CreateLogger<ChampionFollower>());
            server.WithLoop(stopping => follower.RunAsync(options.FollowChampion, stopping));
        }

        return server;
    }
}
