using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Inference;

/// <summary>Builds the inference role: loads and verifies the model, then maps the OIP v2 endpoints.</summary>
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
        var loader = new ModelLoader(sessions, loggerFactory.CreateLogger<ModelLoader>());
        var slot = await loader.LoadAsync(options.ModelDirectory, options.ModelName, cancellationToken);

        var http = new HttpMetrics("chaos_inference", timeProvider);
        var metrics = new InferenceMetrics(http, slot, options.ModelName, options.ReplicaName);
        var errors = new UnhandledErrorMiddleware(loggerFactory.CreateLogger<UnhandledErrorMiddleware>());

        app.Use((context, next) =>
        {
            context.Response.Headers[StackHeaders.Replica] = options.ReplicaName;
            return next(context);
        });
        app.Use(http.TrackAsync);
        app.Use(errors.InvokeAsync);
        new InferenceEndpoints(options, slot, metrics).Map(app);
        return StackServer.From(app, slot);
    }
}
