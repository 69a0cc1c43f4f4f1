using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Chaos.Faults;

/// <summary>The model registry's HTTP API as faults use it: read the champion and its metadata, register a version, move aliases.</summary>
public static class RegistryApi
{
    // What a registration carries of a version's metadata (the rest the registry assigns).
    private static readonly string[] RegistrationFields =
        ["trainer", "onnx_input", "onnx_output", "input_shape", "metrics", "training_data_version", "code_version", "parameters", "feature_ranges"];

    /// <summary>The version the champion alias names; null when there is none (or the registry did not answer 2xx).</summary>
    public static async Task<string?> ChampionAsync(HttpClient client, Uri registry, string model, CancellationToken cancellationToken)
    {
        using var answer = await client.GetAsync(new Uri(registry, $"/models/{model}/aliases/champion"), cancellationToken);
        return answer.IsSuccessStatusCode ? (JsonNode.Parse(await answer.Content.ReadAsStringAsync(cancellationToken)) as JsonObject)?["version"]?.ToString() : null;
    }

    /// <summary>Every version the registry holds, as <c>model:version</c>, over all its models.</summary>
    public static async Task<IReadOnlyList<string>> VersionIdsAsync(HttpClient client, Uri registry, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var models = JsonNode.Parse(await client.GetStringAsync(new Uri(registry, "/models"), cancellationToken))?["models"]?.AsArray() ?? [];
        foreach (var model in models.Select(m => m?.ToString()).OfType<string>())
        {
            var versions = JsonNode.Parse(await client.GetStringAsync(new Uri(registry, $"/models/{model}/versions"), cancellationToken))?["versions"]?.AsArray() ?? [];
            ids.AddRange(versions.Select(v => $"{model}:{v?["version"]}"));
        }
        return ids;
    }

    /// <summary>A version's metadata and bytes.</summary>
    public static async Task<(JsonObject Metadata, byte[] Artifact)> VersionAsync(HttpClient client, Uri registry, string model, string version, CancellationToken cancellationToken)
    {
        var metadata = JsonNode.Parse(await client.GetStringAsync(new Uri(registry, $"/models/{model}/versions/{version}"), cancellationToken)) as JsonObject
            ?? throw new FaultTargetException($"the registry's metadata of {model} v{version} is not a JSON object");
        var artifact = await client.GetByteArrayAsync(new Uri(registry, $"/models/{model}/versions/{version}/artifact"), cancellationToken);
        return (metadata, artifact);
    }

    /// <summary>
    /// Registers <paramref name="artifact"/> with the lineage of <paramref name="metadata"/>, its digest stated, and
    /// <paramref name="note"/> under parameters.chaos; returns the version the registry assigned.
    /// </summary>
    public static async Task<string> RegisterAsync(HttpClient client, Uri registry, string model, byte[] artifact, JsonObject metadata, string note, string? token, CancellationToken cancellationToken)
    {
        var registration = new JsonObject();
        foreach (var field in RegistrationFields.Where(metadata.ContainsKey))
        {
            registration[field] = metadata[field]?.DeepClone();
        }
        registration["sha256"] = Convert.ToHexStringLower(SHA256.HashData(artifact));
        var parameters = registration["parameters"] as JsonObject ?? [];
        parameters["chaos"] = note;
        registration["parameters"] = parameters;
        using var register = Admin(HttpMethod.Post, new Uri(registry, $"/models/{model}/versions"), token);
        var file = new ByteArrayContent(artifact);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        register.Content = new MultipartFormDataContent { { file, "artifact", "model.onnx" }, { new StringContent(registration.ToJsonString()), "metadata" } };
        using var registered = await client.SendAsync(register, cancellationToken);
        var body = await registered.Content.ReadAsStringAsync(cancellationToken);
        return (registered.IsSuccessStatusCode ? (JsonNode.Parse(body) as JsonObject)?["version"]?.ToString() : null)
            ?? throw new FaultTargetException($"the registry refused the registration: {(int)registered.StatusCode} {body}");
    }

    /// <summary>Points the champion alias at <paramref name="version"/>.</summary>
    public static async Task PromoteAsync(HttpClient client, Uri registry, string model, string version, string? token, CancellationToken cancellationToken)
    {
        using var promote = Admin(HttpMethod.Put, new Uri(registry, $"/models/{model}/aliases/champion"), token);
        promote.Content = new StringContent(new JsonObject { ["version"] = version }.ToJsonString(), Encoding.UTF8, "application/json");
        using var promoted = await client.SendAsync(promote, cancellationToken);
        if (!promoted.IsSuccessStatusCode)
        {
            throw new FaultTargetException($"the registry refused to promote v{version}: {(int)promoted.StatusCode} {await promoted.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>Moves the champion alias back to the previous champion.</summary>
    public static async Task RollbackAsync(HttpClient client, Uri registry, string model, string? token, CancellationToken cancellationToken)
    {
        using var rollback = Admin(HttpMethod.Post, new Uri(registry, $"/models/{model}/rollback"), token);
        using var rolled = await client.SendAsync(rollback, cancellationToken);
    }

    private static HttpRequestMessage Admin(HttpMethod method, Uri uri, string? token)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
