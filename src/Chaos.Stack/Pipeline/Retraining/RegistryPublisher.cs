using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Registry;

namespace Chaos.Stack.Pipeline.Retraining;

/// <summary>Registers, promotes and rolls back models through the registry's HTTP API (admin token), and fetches the champion.</summary>
public sealed class RegistryPublisher(HttpClient http, string adminToken) : IDisposable
{
    private readonly RegistryClient reader = new(http);

    /// <summary>A publisher for the registry at <paramref name="baseAddress"/>.</summary>
    public static RegistryPublisher For(Uri baseAddress, string adminToken) =>
        new(new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) }, adminToken);

    /// <summary>Registers a new version with its lineage; the registry assigns the number and checks the digest.</summary>
    public async Task<RegisteredModelVersion> RegisterAsync(string model, byte[] onnx, ModelRegistration registration, CancellationToken cancellationToken)
    {
        var file = new ByteArrayContent(onnx);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var content = new MultipartFormDataContent
        {
            { file, RegistryEndpoints.ArtifactField, "model.onnx" },
            { new StringContent(JsonSerializer.Serialize(registration with { Sha256 = FileDigest.Sha256Hex(onnx) }, StackJson.Options)), RegistryEndpoints.MetadataField },
        };
        using var response = await SendAsync(HttpMethod.Post, $"models/{Uri.EscapeDataString(model)}/versions", content, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<RegisteredModelVersion>(StackJson.Options, cancellationToken))!;
    }

    /// <summary>Points the champion alias at <paramref name="version"/> (the old champion becomes previous).</summary>
    public async Task PromoteAsync(string model, string version, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(new ModelVersionRequest(version), options: StackJson.Options);
        using var _ = await SendAsync(HttpMethod.Put, $"models/{Uri.EscapeDataString(model)}/aliases/{StoredAliases.ChampionAlias}", content, cancellationToken);
    }

    /// <summary>Points the champion back at the previous version.</summary>
    public async Task RollbackAsync(string model, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(HttpMethod.Post, $"models/{Uri.EscapeDataString(model)}/rollback", null, cancellationToken);
    }

    /// <summary>Whether the model has a champion (the alias only: nothing is downloaded).</summary>
    public async Task<bool> HasChampionAsync(string model, CancellationToken cancellationToken)
    {
        try
        {
            await reader.ResolveAliasAsync(model, StoredAliases.ChampionAlias, cancellationToken);
            return true;
        }
        catch (RegistryException exception) when (exception.StatusCode == 404)
        {
            return false;
        }
    }

    /// <summary>The version the champion alias points at; null when the model has no champion yet.</summary>
    public async Task<string?> ChampionVersionAsync(string model, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ResolveAliasAsync(model, StoredAliases.ChampionAlias, cancellationToken);
        }
        catch (RegistryException exception) when (exception.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>The champion's metadata and verified bytes; null when the model has no champion yet.</summary>
    public async Task<(RegisteredModelVersion Version, byte[] Onnx)?> ChampionAsync(string model, CancellationToken cancellationToken)
    {
        string version;
        try
        {
            version = await reader.ResolveAliasAsync(model, StoredAliases.ChampionAlias, cancellationToken);
        }
        catch (RegistryException exception) when (exception.StatusCode == 404)
        {
            return null;
        }

        var metadata = await reader.GetVersionAsync(model, version, cancellationToken);
        var bytes = await reader.DownloadArtifactAsync(model, version, cancellationToken);
        if (!string.Equals(FileDigest.Sha256Hex(bytes), metadata.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"the champion {model} v{version} from {reader.BaseAddress} does not match its registered SHA-256");
        }

        return (metadata, bytes);
    }

    /// <inheritdoc />
    public void Dispose() => reader.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new RegistryException((int)response.StatusCode, $"the registry at {http.BaseAddress} answered {method} {path} with {(int)response.StatusCode}: {body}");
        }

        return response;
    }
}
