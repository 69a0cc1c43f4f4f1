using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Gateway.Injection;

/// <summary>
/// The admin API of the chaos strategies: <c>GET</c> shows them, <c>POST</c> switches on the kinds it names, <c>DELETE</c>
/// switches all off. Needs <c>Authorization: Bearer TOKEN</c>; without an admin token every call answers 404.
/// </summary>
public sealed partial class ChaosAdminEndpoints(ChaosSettings settings, AdminAuthorization? authorization, ILogger<ChaosAdminEndpoints> logger)
{
    /// <summary>The route of the chaos strategies.</summary>
    public const string Route = "/admin/chaos";

    private const long MaxBodyBytes = 64 * 1024;

    /// <summary>Maps the admin routes onto the application.</summary>
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Route, (HttpContext context) => Guard(context) ?? Show(settings.Current));
        app.MapPost(Route, (HttpContext context, CancellationToken token) => Guard(context) is { } refused ? Task.FromResult(refused) : ApplyAsync(context, token));
        app.MapDelete(Route, (HttpContext context) => Guard(context) ?? Clear());
    }

    private static IResult Show(ChaosConfiguration configuration) => Results.Json(configuration, StackJson.Options);

    private IResult? Guard(HttpContext context)
    {
        if (authorization is null)
        {
            return ErrorResults.Error(StatusCodes.Status404NotFound, "the admin API is disabled: start the gateway with --admin-token TOKEN");
        }

        if (authorization.Refusal(context, "the gateway's") is not { } refusal)
        {
            return null;
        }

        LogRefused(logger, context.Request.Method, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return refusal;
    }

    private async Task<IResult> ApplyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (change, changeError) = await RequestBody.ReadJsonAsync<ChaosConfiguration>(context.Request, MaxBodyBytes, $"the body is not a chaos configuration such as {{\"fault\": {{\"rate\": 0.2}}}}", cancellationToken);
        if (changeError is not null)
        {
            return changeError;
        }

        var errors = change is null ? ["the body must be a JSON object"] : ChaosConfigurationValidator.Validate(change);
        if (errors.Count > 0)
        {
            return ErrorResults.Error(StatusCodes.Status400BadRequest, string.Join("; ", errors));
        }

        var applied = settings.Apply(change!);
        LogApplied(logger, JsonSerializer.Serialize(applied, StackJson.Options));
        return Show(applied);
    }

    private IResult Clear()
    {
        settings.Clear();
        LogCleared(logger);
        return Show(settings.Current);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chaos strategies switched on: {Configuration}")]
    private static partial void LogApplied(ILogger logger, string configuration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chaos strategies switched off")]
    private static partial void LogCleared(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin call {Method} from {Remote} refused: missing or wrong token")]
    private static partial void LogRefused(ILogger logger, string method, string remote);
}
