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
        var loop = new ControllerLoop(options, docker, new ReplicaProbe(replicaHttp, options.ProbeTimeout, timeProvider),
            new ReplicaPolicy(options, timeProvider), events, metrics, timeProvider, loggerFactory.CreateLogger<ControllerLoop>());

        app.MapGet("/v2/health/live", () => Results.Ok());
        app.MapGet("/alive", () => Results.Ok());
        app.MapGet("/v2/health/ready", () => Ready(loop));
        app.MapGet("/health", () => Ready(loop));
        app.MapGet("/replicas", () => Results.Json(loop.ReplicaUrls.Select(u => u.ToString().TrimEnd('/')), StackJson.Options));
        app.MapGet("/events", () => Results.Json(events.Snapshot(), StackJson.Options));
        app.MapGet("/metrics", () => Results.Text(metrics.Render(), PrometheusText.ContentType));
        return (StackServer.From(app, docker, replicaHttp), loop);
    }

    private static IResult Ready(ControllerLoop loop) =>
        loop.HasReconciled ? Results.Ok() : ErrorResults.Error(503, "not ready: the Docker engine has not been reached yet");
}
