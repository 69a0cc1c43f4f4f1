using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Inference;

/// <summary>
/// <c>POST /admin/accelerator</c> with <c>{"available": false}</c>: the node's accelerator is lost (what a CUDA device error tells
/// a node; the <c>gpu.loss</c> fault says it through here). The node rebuilds the model it serves on the CPU (the same version,
/// loaded and verified again, swapped in only when it loads) and keeps serving; <c>{"available": true}</c> brings CUDA back
/// (where there is a GPU; here the CPU again). <c>GET</c> answers the state. Needs the admin token like the reload.
/// </summary>
public sealed partial class AcceleratorEndpoints(
    SessionFactory sessions, ModelSlot slot, ReloadEndpoints reload, AdminAuthorization? authorization, ILogger<AcceleratorEndpoints> logger)
{
    /// <summary>The route.</summary>
    public const string Route = "/admin/accelerator";

    private const long MaxBodyBytes = 4 * 1024;

    /// <summary>Maps the routes onto the application.</summary>
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Route, (HttpContext context) => Refusal(context) ?? Results.Json(State(), StackJson.Options));
        app.MapPost(Route, (HttpContext context, CancellationToken cancellationToken) => SetAsync(context, cancellationToken));
    }

    private IResult? Refusal(HttpContext context) => authorization is null
        ? ErrorResults.Error(StatusCodes.Status404NotFound, "the admin API is disabled: start the inference node with --admin-token TOKEN")
        : authorization.Refusal(context, "the node's");

    private AcceleratorState State() => new(!sessions.AcceleratorLost, slot.Model?.Provider ?? "none", slot.Model?.Entry.Version);

    private async Task<IResult> SetAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (Refusal(context) is { } refusal)
        {
            return refusal;
        }

        var (body, status, readError) = await RequestBody.ReadBytesAsync(context.Request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return ErrorResults.Error(status, readError!);
        }

        bool available;
        try
        {
            available = JsonSerializer.Deserialize<AcceleratorRequest>(body, StackJson.Options)?.Available
                ?? throw new JsonException("expected {\"available\": true|false}");
        }
        catch (JsonException exception)
        {
            return ErrorResults.Error(StatusCodes.Status400BadRequest, $"expected a body like {{\"available\": false}}: {exception.Message}");
        }

        sessions.AcceleratorLost = !available;
        LogChanged(logger, available ? "back" : "lost");
        // The session in use was made for the old device: rebuild the version being served on the provider available now.
        var (swapped, failure) = await reload.ReloadModelAsync(slot.Model?.Entry.Version, cancellationToken);
        return swapped is not null
            ? Results.Json(State(), StackJson.Options)
            : ErrorResults.Error(StatusCodes.Status503ServiceUnavailable, $"the accelerator is {(available ? "back" : "lost")}, but the model could not be rebuilt: {failure}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Accelerator {State}: rebuilding the served model's session")]
    private static partial void LogChanged(ILogger logger, string state);
}

/// <summary>The body of <c>POST /admin/accelerator</c>.</summary>
public sealed record AcceleratorRequest(bool? Available);

/// <summary>The node's accelerator: available or lost, the provider its model runs on now, and that model's version.</summary>
public sealed record AcceleratorState(bool Available, string Provider, string? Version);
