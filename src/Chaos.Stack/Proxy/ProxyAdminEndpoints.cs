using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Proxy;

/// <summary>
/// The proxy's admin API: <c>GET /admin/proxy</c> shows the fault and the counters, <c>POST</c> switches a fault on,
/// <c>DELETE</c> back to pass-through, all with <c>Authorization: Bearer TOKEN</c>. <c>/metrics</c> and the health
/// routes are open, like every role's.
/// </summary>
public sealed partial class ProxyAdminEndpoints(ProxySettings settings, TcpFaultProxy proxy, AdminAuthorization authorization, ILogger<ProxyAdminEndpoints> logger)
{
    /// <summary>The route of the proxy's fault.</summary>
    public const string Route = "/admin/proxy";

    private const long MaxBodyBytes = 16 * 1024;

    /// <summary>Maps the admin, metrics and health routes.</summary>
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/health/live", () => Results.Ok());
        app.MapGet("/v2/health/ready", () => Results.Ok());
        app.MapGet("/metrics", () => Results.Text(proxy.Counters.ToPrometheus(settings.Current), PrometheusText.ContentType));
        app.MapGet(Route, (HttpContext context) => Guard(context) ?? Show());
        app.MapPost(Route, (HttpContext context, CancellationToken token) => Guard(context) is { } refused ? Task.FromResult(refused) : ApplyAsync(context, token));
        app.MapDelete(Route, (HttpContext context) =>
        {
            if (Guard(context) is { } refused)
            {
                return refused;
            }

            settings.Clear();
            LogCleared(logger);
            return Show();
        });
    }

    private IResult Show()
    {
        var counters = proxy.Counters;
        return Results.Json(
            new
            {
                fault = settings.Current,
                connections = counters.Connections,
                active = counters.Active,
                bytes_upstream = counters.BytesUpstream,
                bytes_downstream = counters.BytesDownstream,
                delayed_chunks = counters.DelayedChunks,
                delay_seconds = counters.DelayTotal.TotalSeconds,
                throttle_waits = counters.ThrottleWaits,
                resets = counters.Resets,
                blackholed = counters.Blackholed,
                slow_closes = counters.SlowCloses,
            },
            StackJson.Options);
    }

    private IResult? Guard(HttpContext context)
    {
        if (authorization.Refusal(context, "the proxy's") is not { } refusal)
        {
            return null;
        }

        LogRefused(logger, context.Request.Method, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return refusal;
    }

    private async Task<IResult> ApplyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (change, changeError) = await RequestBody.ReadJsonAsync<ProxyFaultConfiguration>(context.Request, MaxBodyBytes, $"the body is not a proxy fault such as {{\"mode\":\"latency\",\"latency_ms\":200,\"jitter_ms\":50}}", cancellationToken);
        if (changeError is not null)
        {
            return changeError;
        }

        var errors = change is null ? ["the body must be a JSON object"] : ProxyFaultValidator.Validate(change);
        if (errors.Count > 0)
        {
            return ErrorResults.Error(StatusCodes.Status400BadRequest, string.Join("; ", errors));
        }

        settings.Apply(change!);
        LogApplied(logger, JsonSerializer.Serialize(change, StackJson.Options));
        return Show();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proxy fault switched on: {Configuration}")]
    private static partial void LogApplied(ILogger logger, string configuration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Proxy fault switched off")]
    private static partial void LogCleared(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proxy admin call {Method} from {Remote} refused: missing or wrong token")]
    private static partial void LogRefused(ILogger logger, string method, string remote);
}
