using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Controller;

/// <summary>Builds the controller role: its loop and its HTTP face (<c>/replicas</c>, <c>/events</c>, <c>/metrics</c>, health).</summary>
public static class ControllerNode
{
    /// <summary>A server exposing the loop's state; the caller runs <see cref="ControllerLoop.RunAsync"/> beside it.</summary>
    public static (StackServer Server, ControllerLoop Loop) Create(ControllerOptions options, TimeProvider timeProvider)
    {
        var builder = StackServer.CreateBuilder(options.Listen, maxRequestBodyBytes: 64 * 1024);
        var app = builder.Build();
        var loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();
        var docker = new DockerEngineClient(options.DockerSocket);
        var replicaHttp = new HttpClient();
        var events = new ControllerEvents(timeProvider);
        var metrics = new ControllerMetrics();
        var policy = new ReplicaPolicy(options, timeProvider);
        var loop = new ControllerLoop(options, docker, new ReplicaProbe(replicaHttp, options.ProbeTimeout, timeProvider),
            policy, events, metrics, timeProvider, loggerFactory.CreateLogger<ControllerLoop>());
        var authorization = options.AdminToken is { } token ? new AdminAuthorization(token) : null;

        app.MapGet("/v2/health/live", () => Results.Ok());
        app.MapGet("/alive", () => Results.Ok());
        app.MapGet("/v2/health/ready", () => Ready(loop));
        app.MapGet("/health", () => Ready(loop));
        app.MapGet("/replicas", () => Results.Json(loop.ReplicaUrls.Select(u => u.ToString().TrimEnd('/')), StackJson.Options));
        app.MapGet("/events", () => Results.Json(events.Snapshot(), StackJson.Options));
        app.MapGet("/metrics", () => Results.Text(metrics.Render(), PrometheusText.ContentType));
        // A standby region's controller: the front door's first answer from this region raises the minimum (warm standby scale-up).
        app.MapPost("/activate", (HttpContext context) =>
        {
            if (authorization is null || options.ActivateMinReplicas is null)
            {
                return ErrorResults.Error(404, "not a standby controller: start it with --activate-min N and --admin-token TOKEN");
            }

            if (authorization.Refusal(context, "the controller's") is { } refusal)
            {
                return refusal;
            }

            if (policy.Activate())
            {
                events.Add("standby-activated", string.Empty, options.Role, $"failover: minimum raised to {policy.MinReplicas}");
            }

            return Results.Json(new Dictionary<string, int> { ["minReplicas"] = policy.MinReplicas }, StackJson.Options);
        });
        return (StackServer.From(app, docker, replicaHttp), loop);
    }

    private static IResult Ready(ControllerLoop loop) =>
        loop.HasReconciled ? Results.Ok() : ErrorResults.Error(503, "not ready: the Docker engine has not been reached yet");
}
