using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Chaos.Stack.Gateway;

/// <summary>The gateway's endpoints: forwarded inference, its own health, and metrics.</summary>
public sealed class GatewayEndpoints(GatewayOptions options, GatewayForwarder forwarder, GatewayReadiness readiness, GatewayMetrics metrics)
{
    /// <summary>Maps every route onto the application.</summary>
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/health/live", () => Results.Ok());
        app.MapGet("/v2/health/ready", async (CancellationToken token) =>
            await readiness.IsReadyAsync(token) ? Results.Ok() : ErrorResults.Error(503, "no replica is ready (or every ready one has an open breaker)"));
        app.MapPost("/v2/models/{model}/infer", (HttpContext context) => ForwardAsync(context));
        app.MapPost("/v2/models/{model}/versions/{version}/infer", (HttpContext context) => ForwardAsync(context));
        app.MapGet("/metrics", () => Results.Text(metrics.Render(), PrometheusText.ContentType));
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var (body, status, error) = await RequestBody.ReadBytesAsync(context.Request, options.MaxRequestBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await ErrorResults.Error(status, error!).ExecuteAsync(context);
            return;
        }

        var outcome = await forwarder.ForwardAsync(
            context.Request.Path + context.Request.QueryString, body, context.Request.ContentType, context.RequestAborted);
        context.Response.StatusCode = (int)outcome.Status;
        context.Response.ContentType = outcome.ContentType;
        context.Response.Headers[StackHeaders.Attempts] = outcome.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (outcome.Replica is not null)
        {
            context.Response.Headers[StackHeaders.Replica] = outcome.Replica;
        }

        context.Response.ContentLength = outcome.Body.Length;
        await context.Response.Body.WriteAsync(outcome.Body, context.RequestAborted);
    }
}
