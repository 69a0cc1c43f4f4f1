using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Chaos.Stack.Gateway;

/// <summary>The gateway's endpoints: forwarded inference and model metadata, its own health, and metrics.</summary>
public sealed class GatewayEndpoints(GatewayOptions options, GatewayForwarder forwarder, GatewayReadiness readiness, GatewayMetrics metrics)
{
    /// <summary>Maps every route onto the application.</summary>
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/health/live", () => Results.Ok());
        app.MapGet("/v2/health/ready", (HttpContext context, CancellationToken token) => ReadyAsync(context, token));
        app.MapGet("/v2/models/{model}", (HttpContext context) => ForwardReadAsync(context));
        app.MapGet("/v2/models/{model}/ready", (HttpContext context) => ForwardReadAsync(context));
        app.MapPost("/v2/models/{model}/infer", (string model, HttpContext context) => ForwardInferAsync(model, context));
        app.MapPost("/v2/models/{model}/versions/{version}/infer", (string model, HttpContext context) => ForwardInferAsync(model, context));
        app.MapGet("/metrics", () => Results.Text(metrics.Render(), PrometheusText.ContentType));
    }

    private async Task<IResult> ReadyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        switch (await readiness.CheckAsync(cancellationToken))
        {
            case GatewayReadinessState.Ready:
                return Results.Ok();
            case GatewayReadinessState.Degraded:
                context.Response.Headers[DegradedHeaders.Degraded] = "true";
                context.Response.Headers[DegradedHeaders.Reason] = DegradedHeaders.SimplifiedModel;
                return Results.Ok();
            default:
                return ErrorResults.Error(503, "no replica is ready (or every ready one has an open breaker), and no fallback replica is ready");
        }
    }

    private async Task ForwardReadAsync(HttpContext context) =>
        await WriteAsync(context, await forwarder.ForwardReadAsync(context.Request.Path + context.Request.QueryString, context.RequestAborted));

    private async Task ForwardInferAsync(string model, HttpContext context)
    {
        var (body, status, error) = await RequestBody.ReadBytesAsync(context.Request, options.MaxRequestBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await ErrorResults.Error(status, error!).ExecuteAsync(context);
            return;
        }

        var outcome = await forwarder.ForwardInferAsync(
            model, context.Request.Path + context.Request.QueryString, body, context.Request.ContentType, context.RequestAborted);
        await WriteAsync(context, outcome);
    }

    private async Task WriteAsync(HttpContext context, ForwardOutcome outcome)
    {
        context.Response.StatusCode = (int)outcome.Status;
        context.Response.ContentType = outcome.ContentType;
        context.Response.Headers[StackHeaders.Attempts] = outcome.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (outcome.Replica is not null)
        {
            context.Response.Headers[StackHeaders.Replica] = outcome.Replica;
        }

        if ((outcome.Region ?? options.Region) is { } region)
        {
            context.Response.Headers[StackHeaders.Region] = region;
        }

        if (outcome.DegradedReason is not null)
        {
            context.Response.Headers[DegradedHeaders.Degraded] = "true";
            context.Response.Headers[DegradedHeaders.Reason] = outcome.DegradedReason;
        }

        context.Response.ContentLength = outcome.Body.Length;
        await context.Response.Body.WriteAsync(outcome.Body, context.RequestAborted);
    }
}
