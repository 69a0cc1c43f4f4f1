using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Registry;

/// <summary>
/// The registry's HTTP API: reads are open; registration, promotion and rollback need <c>Authorization: Bearer TOKEN</c>
/// and answer 404 when the registry was started without <c>--admin-token</c>.
/// </summary>
public sealed partial class RegistryEndpoints(ModelStore store, RegistryMetrics metrics, AdminAuthorization? authorization, ILogger<RegistryEndpoints> logger)
{
    /// <summary>Set on a read replica: it is ready once it has copied the primary once, and refuses writes (they go to the primary).</summary>
    public RegistryReplicator? Replicator { get; init; }

    private const long MaxJsonBytes = 64 * 1024;

    /// <summary>The form field of a registration that carries the model bytes.</summary>
    public const string ArtifactField = "artifact";

    /// <summary>The form field of a registration that carries the <see cref="ModelRegistration"/> JSON.</summary>
    public const string MetadataField = "metadata";

    /// <summary>Maps every route onto the application.</summary>
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/health/live", () => Results.Ok());
        app.MapGet("/v2/health/ready", () => Replicator is { HasSynced: false } replicator
            ? ErrorResults.Error(StatusCodes.Status503ServiceUnavailable, $"not ready: no complete copy of the primary {replicator.Primary} yet")
            : Results.Ok());
        app.MapGet("/metrics", () => Results.Text(metrics.Render(), PrometheusText.ContentType));
        app.MapGet("/models", () => Json(new ModelNamesResponse(store.ModelNames())));
        app.MapGet("/models/{name}/versions", (string name) => store.Versions(name) is { } versions
            ? Json(new ModelVersionsResponse(name, versions))
            : UnknownModel(name));
        app.MapGet("/models/{name}/versions/{version}", (string name, string version) => store.Find(name, version) is { } found
            ? Json(found)
            : UnknownVersion(name, version));
        app.MapGet("/models/{name}/versions/{version}/artifact", (string name, string version, HttpContext context) => Artifact(name, version, context));
        app.MapGet("/models/{name}/aliases", (string name) => store.Versions(name) is null ? UnknownModel(name) : AliasesOf(name, store.Aliases(name)));
        app.MapGet("/models/{name}/aliases/{alias}", (string name, string alias) => store.Aliases(name).Resolve(alias) is { } version
            ? Json(new ModelAliasResponse(name, alias, version))
            : ErrorResults.Error(StatusCodes.Status404NotFound, $"model '{name}' has no alias '{alias}' (aliases: {StoredAliases.ChampionAlias}, {StoredAliases.PreviousAlias})"));
        app.MapPost("/models/{name}/versions", (string name, HttpContext context) => GuardedAsync(context, () => RegisterAsync(name, context)));
        app.MapPut("/models/{name}/aliases/{alias}", (string name, string alias, HttpContext context) => GuardedAsync(context, () => PromoteAsync(name, alias, context)));
        app.MapPost("/models/{name}/rollback", (string name, HttpContext context) => GuardedAsync(context, async () =>
            AliasesOf(name, await store.RollbackAsync(name, context.RequestAborted))));
    }

    private IResult Artifact(string name, string version, HttpContext context)
    {
        if (store.Find(name, version) is not { } found)
        {
            return UnknownVersion(name, version);
        }

        // The digest recorded at registration, not one computed now: the reader checks the bytes against what was registered.
        context.Response.Headers[RegistryHeaders.Sha256] = found.Sha256;
        return Results.File(store.ArtifactPath(name, found.Version), "application/octet-stream");
    }

    private async Task<IResult> RegisterAsync(string name, HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return ErrorResults.Error(StatusCodes.Status415UnsupportedMediaType,
                $"send multipart/form-data with a file part '{ArtifactField}' (the model bytes) and a part '{MetadataField}' (JSON: trainer, onnx_input, onnx_output, ...)");
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException or IOException)
        {
            return ErrorResults.Error(StatusCodes.Status400BadRequest, $"cannot read the multipart body: {exception.Message}");
        }

        if (form.Files.GetFile(ArtifactField) is not { Length: > 0 } file)
        {
            return ErrorResults.Error(StatusCodes.Status400BadRequest, $"the registration has no non-empty file part '{ArtifactField}'");
        }

        var (registration, error) = await ReadRegistrationAsync(form, context.RequestAborted);
        if (registration is null)
        {
            return ErrorResults.Error(StatusCodes.Status400BadRequest, error!);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, context.RequestAborted);
        var version = await store.RegisterAsync(name, registration, buffer.ToArray(), context.RequestAborted);
        return Results.Json(version, StackJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<(ModelRegistration? Registration, string? Error)> ReadRegistrationAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        string json;
        if (form.Files.GetFile(MetadataField) is { } metadataFile)
        {
            using var reader = new StreamReader(metadataFile.OpenReadStream());
            json = await reader.ReadToEndAsync(cancellationToken);
        }
        else
        {
            json = form[MetadataField].ToString();
        }

        if (json.Length == 0 || json.Length > MaxJsonBytes)
        {
            return (null, $"the registration needs a part '{MetadataField}' with JSON metadata of at most {MaxJsonBytes} bytes");
        }

        try
        {
            var registration = JsonSerializer.Deserialize<ModelRegistration>(json, StackJson.Options);
            return registration is { Trainer.Length: > 0, OnnxInput.Length: > 0, OnnxOutput.Length: > 0 }
                ? (registration, null)
                : (null, "the metadata needs non-empty 'trainer', 'onnx_input' and 'onnx_output'");
        }
        catch (JsonException exception)
        {
            return (null, $"the metadata is not valid JSON: {exception.Message}");
        }
    }

    private async Task<IResult> PromoteAsync(string name, string alias, HttpContext context)
    {
        if (alias != StoredAliases.ChampionAlias)
        {
            return ErrorResults.Error(StatusCodes.Status400BadRequest,
                $"only '{StoredAliases.ChampionAlias}' can be set; '{StoredAliases.PreviousAlias}' moves by itself on promotion");
        }

        var (request, requestError) = await RequestBody.ReadJsonAsync<ModelVersionRequest>(context.Request, MaxJsonBytes, $"the request body is not valid JSON", context.RequestAborted);
        if (requestError is not null)
        {
            return requestError;
        }

        if (request?.Version is not { Length: > 0 } version)
        {
            return ErrorResults.Error(StatusCodes.Status400BadRequest, """the body must name a version: {"version": "2"}""");
        }

        return AliasesOf(name, await store.PromoteAsync(name, version, context.RequestAborted));
    }

    private static IResult AliasesOf(string name, StoredAliases aliases) => Json(new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["name"] = name,
        [StoredAliases.ChampionAlias] = aliases.Champion,
        [StoredAliases.PreviousAlias] = aliases.Previous,
    });

    private async Task<IResult> GuardedAsync(HttpContext context, Func<Task<IResult>> action)
    {
        if (authorization is null)
        {
            return ErrorResults.Error(StatusCodes.Status404NotFound, "registry writes are disabled: start the registry with --admin-token TOKEN");
        }

        // The token first: a caller without it learns nothing about this registry, not even that it is a replica.
        if (authorization.Refusal(context, "the registry's") is { } refusal)
        {
            LogRefused(logger, context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return refusal;
        }

        if (Replicator is { } replicator)
        {
            return ErrorResults.Error(StatusCodes.Status409Conflict, $"this registry is a read replica of {replicator.Primary}: write to the primary");
        }

        try
        {
            return await action();
        }
        catch (RegistryException exception)
        {
            return ErrorResults.Error(exception.StatusCode, exception.Message);
        }
    }

    private IResult UnknownModel(string name) =>
        ErrorResults.Error(StatusCodes.Status404NotFound, $"model '{name}' is not registered (registered: {string.Join(", ", store.ModelNames())})");

    private IResult UnknownVersion(string name, string version) => store.Versions(name) is { } versions
        ? ErrorResults.Error(StatusCodes.Status404NotFound, $"model '{name}' has no version '{version}' (versions: {string.Join(", ", versions.Select(v => v.Version))})")
        : UnknownModel(name);

    private static IResult Json<T>(T value) => Results.Json(value, StackJson.Options);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registry write {Method} {Path} refused from {Remote}: missing or wrong admin token")]
    private static partial void LogRefused(ILogger logger, string method, string path, string remote);
}
