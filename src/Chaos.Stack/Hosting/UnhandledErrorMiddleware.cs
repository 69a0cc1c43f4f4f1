using Chaos.Stack.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Hosting;

/// <summary>Turns an unexpected exception into a 500 with an error body instead of an empty answer.</summary>
public sealed partial class UnhandledErrorMiddleware(ILogger<UnhandledErrorMiddleware> logger)
{
    /// <summary>Runs the rest of the pipeline and answers 500 with <c>{"error"}</c> if it throws.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            LogUnhandled(logger, context.Request.Method, context.Request.Path, exception);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new ErrorResponse($"internal error: {exception.Message}"), StackJson.Options, context.RequestAborted);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
