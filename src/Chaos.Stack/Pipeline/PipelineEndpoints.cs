using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Chaos.Stack.Pipeline.Table;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Chaos.Stack.Pipeline;

/// <summary>
/// The pipeline's HTTP API: <c>POST /batches</c> (ingest), <c>GET /table/versions[/{n}]</c>, <c>GET /table/rows</c>, <c>POST /table/rollback</c>,
/// <c>POST /drift/observe</c>, <c>GET /drift</c>, <c>GET /retraining</c>, <c>POST /retraining/run</c>, <c>GET /metrics</c>.
/// </summary>
public sealed class PipelineEndpoints(PipelineRuntime runtime, PipelineMetrics metrics, AdminAuthorization? authorization)
{
    /// <summary>Maps every route onto the application.</summary>
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/health/live", () => Results.Ok());
        app.MapGet("/v2/health/ready", () => Results.Ok());
        app.MapGet("/metrics", Handler(async context => Results.Text(await metrics.RenderAsync(context.RequestAborted), PrometheusText.ContentType)));
        app.MapPost("/batches", Handler(IngestAsync));
        app.MapGet("/table/versions", Handler(async context => runtime.Table is { } table
            ? Json(await table.HistoryAsync(context.RequestAborted))
            : NotTransactional()));
        app.MapGet("/table/versions/{version:long}", async (long version, HttpContext context) => runtime.Table is not { } table
            ? NotTransactional()
            : version < 0 || version > table.LatestVersion()
                ? ErrorResults.Error(StatusCodes.Status404NotFound, $"the table has versions 0 to {table.LatestVersion()}; version {version} does not exist")
                : Json(await table.SnapshotAsync(version, context.RequestAborted)));
        app.MapGet("/table/rows", Handler(RowsAsync));
        app.MapPost("/table/rollback", Handler(RollbackAsync));
        app.MapPost("/drift/observe", Handler(ObserveAsync));
        app.MapGet("/drift", () => runtime.Monitor is { } monitor
            ? Json(monitor.Status())
            : ErrorResults.Error(StatusCodes.Status404NotFound, "the drift monitor is switched off (--drift-monitor false)"));
        app.MapGet("/retraining", () => runtime.Retraining is { } retraining
            ? Json(retraining.Status())
            : ErrorResults.Error(StatusCodes.Status404NotFound, "retraining is switched off (--retraining false)"));
        app.MapPost("/retraining/run", Handler(RunAsync));
    }

    private async Task<IResult> IngestAsync(HttpContext context)
    {
        var (document, error) = await ReadJsonAsync(context);
        if (document is null)
        {
            return error!;
        }

        using (document)
        {
            var (batch, problem) = BatchReader.Read(document.RootElement);
            if (batch is null)
            {
                return ErrorResults.Error(StatusCodes.Status400BadRequest, problem!);
            }

            var (result, committed) = await runtime.Ingestor.IngestWithRowsAsync(batch, context.RequestAborted);
            if (runtime.Retraining is { } retraining && committed.Count > 0)
            {
                await retraining.ObserveLabelledAsync(committed, context.RequestAborted);
            }

            return Results.Json(result, StackJson.Options, statusCode: result.RejectionReason is null ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
        }
    }

    private async Task<IResult> RollbackAsync(HttpContext context)
    {
        if (authorization is not null && !authorization.IsAuthorized(context.Request))
        {
            return ErrorResults.Error(StatusCodes.Status401Unauthorized, "rolling the table back needs Authorization: Bearer <admin token>");
        }

        if (runtime.Table is not { } table)
        {
            return NotTransactional();
        }

        var (document, error) = await ReadJsonAsync(context);
        if (document is null)
        {
            return error!;
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("version", out var versionValue) || !versionValue.TryGetInt64(out var version) || version < 0 || version > table.LatestVersion())
            {
                return ErrorResults.Error(StatusCodes.Status400BadRequest, $"the body must be {{\"version\": N}} with N from 0 to {table.LatestVersion()}");
            }

            var entry = await table.RestoreAsync(version, context.RequestAborted);
            runtime.Ingestor.InvalidateIds();
            return Json(entry);
        }
    }

    // What a reader sees now, whichever store: the row ids of the newest version by batch. The harness's storage.crash fault
    // reads it during and after its writes to find partial batches and acknowledged rows that are gone.
    private async Task<IResult> RowsAsync(HttpContext context)
    {
        var version = runtime.Store.LatestVersion();
        var rows = await runtime.Store.ReadVersionAsync(version, context.RequestAborted);
        var batches = rows.GroupBy(r => r.BatchId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Id).ToList(), StringComparer.Ordinal);
        return Json(new { version, rows = rows.Count, batches });
    }

    private async Task<IResult> ObserveAsync(HttpContext context)
    {
        if (runtime.Monitor is not { } monitor)
        {
            return ErrorResults.Error(StatusCodes.Status404NotFound, "the drift monitor is switched off (--drift-monitor false)");
        }

        var (document, error) = await ReadJsonAsync(context);
        if (document is null)
        {
            return error!;
        }

        using (document)
        {
            var (rows, problem) = BatchReader.ReadInputs(document.RootElement);
            if (rows is null)
            {
                return ErrorResults.Error(StatusCodes.Status400BadRequest, problem!);
            }

            var reports = monitor.Observe(rows);
            return Json(new { observed = rows.Count, windows = reports.Count, alarm = reports.Any(r => r.Alarm), status = monitor.Status() });
        }
    }

    private async Task<IResult> RunAsync(HttpContext context)
    {
        if (authorization is not null && !authorization.IsAuthorized(context.Request))
        {
            return ErrorResults.Error(StatusCodes.Status401Unauthorized, "starting a retraining run needs Authorization: Bearer <admin token>");
        }

        if (runtime.Retraining is not { } retraining)
        {
            return ErrorResults.Error(StatusCodes.Status404NotFound, "retraining is switched off (--retraining false)");
        }

        // Chaos hook of the harness's training.kill fault (admin token only): the process dies at once (exit 137, as if SIGKILLed)
        // right after stage N's checkpoint, so the crash lands mid-run however fast training is.
        int? crashAfter = null;
        if (context.Request.ContentLength is > 0)
        {
            var (document, error) = await ReadJsonAsync(context);
            if (document is null)
            {
                return error!;
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object
                    || (document.RootElement.TryGetProperty("crashAfterStage", out var stage) && (!stage.TryGetInt32(out var n) || n < 1 || n >= runtime.Options.TrainingStages)))
                {
                    return ErrorResults.Error(StatusCodes.Status400BadRequest, $"the body must be empty or {{\"crashAfterStage\": N}} with N from 1 to {runtime.Options.TrainingStages - 1}");
                }

                crashAfter = document.RootElement.TryGetProperty("crashAfterStage", out var value) ? value.GetInt32() : null;
            }
        }

        try
        {
            return Json(await retraining.RunAsync("manual", null, context.RequestAborted, crashAfter is { } at ? stage =>
            {
                if (stage == at)
                {
                    runtime.CrashNow($"training.kill: killing the process after stage {stage}");
                }
            } : null));
        }
        catch (InvalidOperationException exception)
        {
            return ErrorResults.Error(StatusCodes.Status409Conflict, exception.Message);
        }
    }

    private async Task<(JsonDocument? Document, IResult? Error)> ReadJsonAsync(HttpContext context)
    {
        var (body, status, readError) = await RequestBody.ReadBytesAsync(context.Request, runtime.Options.MaxRequestBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return (null, ErrorResults.Error(status, readError!));
        }

        var (document, parseError) = RequestBody.ParseJson(body);
        return document is null ? (null, ErrorResults.Error(StatusCodes.Status400BadRequest, parseError!)) : (document, null);
    }

    // A typed delegate, so minimal APIs write the returned IResult (a bare HttpContext handler would bind as a RequestDelegate).
    private static Func<HttpContext, Task<IResult>> Handler(Func<HttpContext, Task<IResult>> handler) => handler;

    private static IResult NotTransactional() =>
        ErrorResults.Error(StatusCodes.Status409Conflict, "the transactional store is switched off (--transactional-store false): there are no versions");

    private static IResult Json<T>(T value) => Results.Json(value, StackJson.Options);
}
