using System.Net;
using Chaos.Stack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Gateway;

/// <summary>Builds the gateway role: one pooled HttpClient, per-replica breakers, the retry pipeline, the endpoints.</summary>
public static class GatewayNode
{
    /// <summary>Builds a server for <paramref name="options"/>.</summary>
    public static StackServer Create(GatewayOptions options, TimeProvider timeProvider)
    {
        var builder = StackServer.CreateBuilder(options.Listen, options.MaxRequestBodyBytes);
        builder.Services.AddSingleton(timeProvider);
        var app = builder.Build();

        var client = new HttpClient(CreateHandler(options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        var pipelines = new GatewayPipelines(options, timeProvider);
        var replicas = new ReplicaSet(options.Replicas.Select(uri =>
        {
            var (pipeline, breaker) = pipelines.BuildAttempt();
            return new Replica(uri, pipeline, breaker);
        }).ToList());
        var metrics = new GatewayMetrics(new HttpMetrics("chaos_gateway", timeProvider), replicas);
        var forwarder = new GatewayForwarder(client, replicas, pipelines.BuildRetry(metrics), metrics);
        var readiness = new GatewayReadiness(client, replicas, options, timeProvider);
        var errors = new UnhandledErrorMiddleware(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<UnhandledErrorMiddleware>());

        app.Use(metrics.Http.TrackAsync);
        app.Use(errors.InvokeAsync);
        new GatewayEndpoints(options, forwarder, readiness, metrics).Map(app);
        return StackServer.From(app, client);
    }

    private static SocketsHttpHandler CreateHandler(GatewayOptions options) => new()
    {
        // Traffic goes only to the given replica URLs: no proxy, no redirects.
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = options.AttemptTimeout,
        MaxConnectionsPerServer = 256,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    };
}
