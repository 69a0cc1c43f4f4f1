using System.Net;
using Chaos.Stack.Gateway.Degraded;
using Chaos.Stack.Gateway.Injection;
using Chaos.Stack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Gateway;

/// <summary>
/// Builds the gateway role: one pooled HttpClient, per-replica breakers and chaos strategies, the request pipeline
/// (fallback, retry, hedging; see <see cref="GatewayPipelines"/>), the endpoints and the admin API.
/// </summary>
public static class GatewayNode
{
    /// <summary>Builds a server for <paramref name="options"/>.</summary>
    public static StackServer Create(GatewayOptions options, TimeProvider timeProvider)
    {
        var builder = StackServer.CreateBuilder(options.Listen, options.MaxRequestBodyBytes);
        builder.Services.AddSingleton(timeProvider);
        var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        var client = new HttpClient(CreateHandler(options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        var pipelines = new GatewayPipelines(options, timeProvider);
        var chaos = new ChaosInjector(new ChaosSettings(), options.Seed);
        var replicas = options.ControllerUrl is null
            ? new ReplicaSet(options.Replicas.Select(uri => CreateReplica(uri, pipelines, chaos)).ToList()) { Ordered = options.Priority }
            : new ReplicaSet(options.Replicas, uri => CreateReplica(uri, pipelines, chaos)) { Ordered = options.Priority };

        // Fallback replicas stand for another service: the chaos strategies simulate a failing primary, not them.
        // They are the last resort, so they have no breaker (see GatewayPipelines.BuildAttempt).
        var fallbackReplicas = options.Fallback && options.FallbackReplicas.Count > 0 ? CreateReplicas(options.FallbackReplicas, pipelines, chaos: null, lastResort: true) : null;
        // Answers feed the hedging delay only where the request pipeline hedges (a gateway built with one replica never does).
        var hedgingDelay = pipelines.Hedges(replicas.All.Count) ? pipelines.HedgingDelay : null;
        var metrics = new GatewayMetrics(new HttpMetrics("chaos_gateway", timeProvider), () => [.. replicas.All, .. fallbackReplicas?.All ?? []], chaos)
        {
            RoutedReplicas = () => replicas.All.Count,
            HedgingDelay = hedgingDelay,
        };
        var discovery = options.ControllerUrl is { } controller
            ? new ReplicaDiscovery(client, controller, replicas, options.DiscoveryInterval, timeProvider, loggers.CreateLogger<ReplicaDiscovery>())
            : null;
        metrics.Discovery = discovery;
        // Slow calls count against a breaker only where hedging races attempts; the hedging delay is the bar an attempt missed.
        var replicaClient = new ReplicaClient(client, metrics, options.Hedging ? options.HedgingDelay : TimeSpan.Zero) { Answers = hedgingDelay };
        var fallback = options.Fallback
            ? new FallbackAnswers(options, fallbackReplicas, replicaClient, new AnswerCache(options.FallbackCacheSize, options.FallbackCacheMaxAnswerBytes), metrics, loggers.CreateLogger<FallbackAnswers>())
            : null;
        var failover = options.Priority
            ? new FailoverWatch(replicas, metrics, client, options.StandbyActivation, options.AdminToken, loggers.CreateLogger<FailoverWatch>())
            : null;
        var forwarder = new GatewayForwarder(replicaClient, replicas, pipelines.BuildRequest(metrics, fallback, replicas.All.Count), fallback?.Cache) { Failover = failover };
        var readiness = new GatewayReadiness(client, replicas, fallbackReplicas, options, timeProvider);
        var errors = new UnhandledErrorMiddleware(loggers.CreateLogger<UnhandledErrorMiddleware>());
        var admin = new ChaosAdminEndpoints(
            chaos.Settings, options.AdminToken is { } token ? new AdminAuthorization(token) : null, loggers.CreateLogger<ChaosAdminEndpoints>());

        app.Use(metrics.Http.TrackAsync);
        app.Use(errors.InvokeAsync);
        new GatewayEndpoints(options, forwarder, readiness, metrics).Map(app);
        admin.Map(app);
        if (discovery is not null)
        {
            app.Lifetime.ApplicationStarted.Register(discovery.Start);
            return StackServer.From(app, discovery, client);
        }

        return StackServer.From(app, client);
    }

    private static ReplicaSet CreateReplicas(IReadOnlyList<Uri> addresses, GatewayPipelines pipelines, ChaosInjector? chaos, bool lastResort = false) =>
        new(addresses.Select(uri => CreateReplica(uri, pipelines, chaos, lastResort)).ToList());

    // Each replica has its own breaker (and chaos strategies); a replica learnt later gets a fresh one.
    private static Replica CreateReplica(Uri uri, GatewayPipelines pipelines, ChaosInjector? chaos, bool lastResort = false)
    {
        var (pipeline, breaker, window) = pipelines.BuildAttempt(chaos, lastResort);
        return new Replica(uri, pipeline, breaker, window, lastResort, lastResort ? 0 : pipelines.MaxOutstandingPerReplica)
        {
            Limit = lastResort ? null : pipelines.CreateLimit(),
        };
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
