using System.Net.Http.Json;
using Chaos.Stack.Contracts;

namespace Chaos.Stack.Registry;

/// <summary>Reads the model registry over HTTP: aliases, version metadata and artifact bytes. Errors become <see cref="RegistryException"/>.</summary>
public sealed class RegistryClient(HttpClient http) : IDisposable
{
    /// <summary>A client for the registry at <paramref name="baseAddress"/>.</summary>
    public static RegistryClient For(Uri baseAddress) => new(new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) });

    /// <summary>The registry's address.</summary>
    public Uri BaseAddress => http.BaseAddress!;

    /// <summary>The version an alias (champion, previous) points at.</summary>
    public async Task<string> ResolveAliasAsync(string model, string alias, CancellationToken cancellationToken)
    {
        var answer = await GetJsonAsync<ModelAliasResponse>($"models/{Uri.EscapeDataString(model)}/aliases/{Uri.EscapeDataString(alias)}", cancellationToken);
        return answer.Version;
    }

    /// <summary>Every model name the registry holds.</summary>
    public async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken) =>
        (await GetJsonAsync<ModelNamesResponse>("models", cancellationToken)).Models;

    /// <summary>Every version of a model, oldest first, with digests and lineage.</summary>
    public async Task<IReadOnlyList<RegisteredModelVersion>> ListVersionsAsync(string model, CancellationToken cancellationToken) =>
        (await GetJsonAsync<ModelVersionsResponse>($"models/{Uri.EscapeDataString(model)}/versions", cancellationToken)).Versions;

    /// <summary>Both aliases of a model (either may be unset).</summary>
    public async Task<StoredAliases> GetAliasesAsync(string model, CancellationToken cancellationToken)
    {
        var aliases = await GetJsonAsync<Dictionary<string, string?>>($"models/{Uri.EscapeDataString(model)}/aliases", cancellationToken);
        return new StoredAliases(aliases.GetValueOrDefault(StoredAliases.ChampionAlias), aliases.GetValueOrDefault(StoredAliases.PreviousAlias));
    }

    /// <summary>The metadata of one version, including the digest recorded at registration.</summary>
    public Task<RegisteredModelVersion> GetVersionAsync(string model, string version, CancellationToken cancellationToken) =>
        GetJsonAsync<RegisteredModelVersion>(VersionPath(model, version), cancellationToken);

    /// <summary>The artifact's bytes as served; the caller verifies them.</summary>
    public async Task<byte[]> DownloadArtifactAsync(string model, string version, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(ArtifactPath(model, version), cancellationToken);
        await ThrowIfFailedAsync(response, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>The absolute address of an artifact, for logs and metadata.</summary>
    public Uri ArtifactAddress(string model, string version) => new(BaseAddress, ArtifactPath(model, version));

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private async Task<T> GetJsonAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        await ThrowIfFailedAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(StackJson.Options, cancellationToken)
            ?? throw new RegistryException(502, $"the registry at {BaseAddress} answered {path} with an empty body");
    }

    private async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new RegistryException((int)response.StatusCode, $"the registry at {BaseAddress} answered {response.RequestMessage?.RequestUri?.PathAndQuery} with {(int)response.StatusCode}: {body}");
        }
    }

    private static string VersionPath(string model, string version) => $"models/{Uri.EscapeDataString(model)}/versions/{Uri.EscapeDataString(version)}";

    private static string ArtifactPath(string model, string version) => VersionPath(model, version) + "/artifact";
}
