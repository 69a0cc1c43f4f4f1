using System.Reflection;
using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Chaos.Stack.Ml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Chaos.Stack.Inference;

/// <summary>The Open Inference Protocol v2 REST endpoints of an inference node.</summary>
public sealed class InferenceEndpoints(InferenceOptions options, ModelSlot slot, InferenceMetrics metrics, ScoringGate scoring)
{
    private const string Platform = "onnxruntime_onnx";
    private const string ProbabilityOutput = "probability";
    private readonly InferRequestReader reader = new(options.MaxBatchRows, options.Validation);

    /// <summary>The server name reported by <c>GET /v2</c>.</summary>
    public const string ServerName = "chaos-stack";

    /// <summary>Maps every route onto the application.</summary>
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/health/live", () => Results.Ok());
        app.MapGet("/v2/health/ready", () => slot.Model is null ? ErrorResults.Error(503, $"not ready: {slot.Failure}") : Results.Ok());
        app.MapGet("/v2", () => Results.Json(new ServerMetadataResponse(ServerName, ServerVersion(), []), StackJson.Options));
        app.MapGet("/v2/models/{model}", (string model) => Metadata(model, null));
        app.MapGet("/v2/models/{model}/versions/{version}", (string model, string version) => Metadata(model, version));
        app.MapGet("/v2/models/{model}/ready", (string model) => Ready(model, null));
        app.MapGet("/v2/models/{model}/versions/{version}/ready", (string model, string version) => Ready(model, version));
        app.MapPost("/v2/models/{model}/infer", (string model, HttpContext context) => InferAsync(model, null, context));
        app.MapPost("/v2/models/{model}/versions/{version}/infer", (string model, string version, HttpContext context) => InferAsync(model, version, context));
        app.MapGet("/metrics", () => Results.Text(metrics.Render(), PrometheusText.ContentType));
    }

    private IResult Metadata(string model, string? version) => Resolve(model, version, slot.Model, out var loaded) ?? Results.Json(
        new ModelMetadataResponse(
            model,
            [loaded!.Entry.Version],
            Platform,
            [new TensorMetadata(InferRequestReader.InputName, InferRequestReader.Datatype, [-1, CreditTask.FeatureCount])],
            [new TensorMetadata(ProbabilityOutput, InferRequestReader.Datatype, [-1])],
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["execution_provider"] = loaded.Provider,
                ["sha256"] = loaded.Entry.Sha256,
                ["trainer"] = loaded.Entry.Trainer,
                ["replica"] = options.ReplicaName,
                ["integrity_check"] = options.IntegrityCheck ? "true" : "false",
                ["validation"] = options.Validation ? "true" : "false",
                ["declared_ranges"] = loaded.Entry.FeatureRanges.Count > 0
                    ? string.Join(';', loaded.Entry.FeatureRanges.Select(r => $"{r.Name}={r.Describe()}"))
                    : "none",
            }),
        StackJson.Options);

    private IResult Ready(string model, string? version) => Resolve(model, version, slot.Model, out _) ?? Results.Ok();

    private async Task<IResult> InferAsync(string model, string? version, HttpContext context)
    {
        // The lease keeps this request's session alive even if a reload swaps the model while it runs.
        using var lease = slot.Acquire();
        if (Resolve(model, version, lease?.Model, out var loaded) is { } notServed)
        {
            return notServed;
        }

        var (body, status, readError) = await RequestBody.ReadBytesAsync(context.Request, options.MaxRequestBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return ErrorResults.Error(status, readError!);
        }

        var (document, jsonError) = RequestBody.ParseJson(body);
        if (document is null)
        {
            return ErrorResults.Error(StatusCodes.Status400BadRequest, jsonError!);
        }

        using (document)
        {
            if (!reader.TryRead(document.RootElement, loaded!.Entry.FeatureRanges, out var request, out var error))
            {
                return ErrorResults.Error(StatusCodes.Status400BadRequest, error);
            }

            var probabilities = await scoring.RunAsync(() => loaded.Score(request.Features, request.Rows), context.RequestAborted);
            return Results.Json(
                new InferResponse(model, loaded.Entry.Version, request.Id, [new InferOutput(ProbabilityOutput, [request.Rows], InferRequestReader.Datatype, probabilities)]),
                StackJson.Options);
        }
    }

    /// <summary>Null when this node serves the model (and version) and it is loaded; otherwise the error answer.</summary>
    private IResult? Resolve(string model, string? version, ScoringModel? current, out ScoringModel? loaded)
    {
        loaded = current;
        if (model != options.ModelName)
        {
            return ErrorResults.Error(StatusCodes.Status404NotFound, $"model '{model}' is not served here; this node serves '{options.ModelName}'");
        }

        if (loaded is null)
        {
            return ErrorResults.Error(StatusCodes.Status503ServiceUnavailable, $"model '{model}' is not ready: {slot.Failure}");
        }

        if (version is not null && version != loaded.Entry.Version)
        {
            return ErrorResults.Error(StatusCodes.Status404NotFound, $"model '{model}' has no version '{version}'; available: {loaded.Entry.Version}");
        }

        return null;
    }

    private static string ServerVersion() =>
        typeof(InferenceEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
