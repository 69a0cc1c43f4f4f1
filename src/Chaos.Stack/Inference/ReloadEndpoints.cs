using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Inference;

/// <summary>
/// <c>POST /admin/reload</c>: loads the champion (or the body's <c>{"version": "N"}</c>) and swaps it in only if it verifies and loads;
/// otherwise answers 409 and the current model keeps serving. Needs <c>Authorization: Bearer TOKEN</c>; 404 without an admin token.
/// </summary>
public sealed partial class ReloadEndpoints(
    IModelSource source, ModelSlot slot, InferenceMetrics metrics, AdminAuthorization? authorization, string modelName, ILogger<ReloadEndpoints> logger) : IDisposable
{
    /// <summary>The route of the reload.</summary>
    public const string Route = "/admin/reload";

    private const long MaxBodyBytes = 64 * 1024;

    // One reload at a time: two concurrent ones would race on which model ends up served.
    private readonly SemaphoreSlim reloads = new(1, 1);

    /// <summary>Maps the route onto the application.</summary>
    public void Map(IEndpointRouteBuilder app) => app.MapPost(Route, (HttpContext context, CancellationToken cancellationToken) => ReloadAsync(context, cancellationToken));

    /// <inheritdoc />
    public void Dispose() => reloads.Dispose();

    private async Task<IResult> ReloadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (authorization is null)
        {
            return ErrorResults.Error(StatusCodes.Status404NotFound, "the admin API is disabled: start the inference node with --admin-token TOKEN");
        }

        if (authorization.Refusal(context, "the node's") is { } unauthorized)
        {
            return unauthorized;
        }

        var (body, status, readError) = await RequestBody.ReadBytesAsync(context.Request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return ErrorResults.Error(status, readError!);
        }

        string? version = null;
        if (body.Length > 0)
        {
            try
            {
                version = JsonSerializer.Deserialize<ModelVersionRequest>(body, StackJson.Options)?.Version;
            }
            catch (JsonException exception)
            {
                return ErrorResults.Error(StatusCodes.Status400BadRequest, $"the request body is not valid JSON: {exception.Message}");
            }
        }

        var (response, refusal) = await ReloadModelAsync(version, cancellationToken);
        return response is not null
            ? Results.Json(response, StackJson.Options)
            : ErrorResults.Error(StatusCodes.Status409Conflict, refusal!);
    }

    /// <summary>
    /// Loads the champion (or <paramref name="version"/>) and swaps it in only when it verifies and loads; otherwise the current model
    /// keeps serving and the refusal says why. The admin endpoint and the champion follower both reload through here, one at a time.
    /// </summary>
    public async Task<(ModelReloadResponse? Swapped, string? Refusal)> ReloadModelAsync(string? version, CancellationToken cancellationToken)
    {
        await reloads.WaitAsync(cancellationToken);
        try
        {
            var result = await source.LoadAsync(version, cancellationToken);
            if (result.Model is not { } model)
            {
                metrics.RecordReload(swapped: false);
                var serving = slot.Model?.Entry.Version is { } current ? $"version {current} keeps serving" : "no model is serving";
                LogRefused(logger, modelName, version ?? "champion", result.Failure!);
                return (null, $"reload refused, {serving}: {result.Failure}");
            }

            var previous = slot.Swap(model);
            metrics.RecordReload(swapped: true);
            LogSwapped(logger, modelName, previous?.Entry.Version ?? "none", model.Entry.Version);
            return (new ModelReloadResponse(modelName, model.Entry.Version, model.Entry.Sha256, previous?.Entry.Version), null);
        }
        finally
        {
            reloads.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reload of {Model} {Version} refused, the current model keeps serving: {Reason}")]
    private static partial void LogRefused(ILogger logger, string model, string version, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reload of {Model}: version {Old} replaced by {New}")]
    private static partial void LogSwapped(ILogger logger, string model, string old, string @new);
}
