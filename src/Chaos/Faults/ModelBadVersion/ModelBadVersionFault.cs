using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Chaos.Faults.ModelCorruptArtifact;

namespace Chaos.Faults.ModelBadVersion;

/// <summary>
/// <c>model.bad-version</c>: a worse model is registered properly and promoted, as a bad deployment would be. Its artifact is
/// the champion's with the tree weights negated (answers turned over), registered with its own correct SHA-256 and the
/// champion's claimed metrics, so every integrity check passes; the champion alias is moved to it and the replicas follow.
/// Only watching live quality against ground truth can tell. Verified when the registry's champion is the bad version;
/// reverted by rolling the alias back if it still points there.
/// </summary>
public sealed class ModelBadVersionFault : IFault
{
    public const string Name = "model.bad-version";
    private const string Model = "credit";

    // What a registration carries of a version's metadata (the rest the registry assigns).
    private static readonly string[] RegistrationFields =
        ["trainer", "onnx_input", "onnx_output", "input_shape", "metrics", "training_data_version", "code_version", "parameters", "feature_ranges"];

    public string Kind => Name;

    public string Description =>
        "Registers a worse model (the champion's trees with their weights negated; a correct digest, the champion's claimed metrics) and promotes it to champion, as a bad deployment; verified when the registry's champion is the bad version; reverted by rolling the alias back if it still points there. Target: { role: registry }.";

    public async Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var client = context.Client ?? throw new FaultTargetException($"{Name} needs an HTTP client");
        var registry = context.ResolveTargetsOf("registry", Name, "registers and promotes a model in the registry")[0];
        var champion = await ChampionAsync(client, registry.HostUrl, cancellationToken)
            ?? throw new FaultTargetException($"the registry names no champion of {Model}");
        var metadata = JsonNode.Parse(await client.GetStringAsync(new Uri(registry.HostUrl, $"/models/{Model}/versions/{champion}"), cancellationToken)) as JsonObject
            ?? throw new FaultTargetException($"the registry's metadata of {Model} v{champion} is not a JSON object");
        var original = await client.GetByteArrayAsync(new Uri(registry.HostUrl, $"/models/{Model}/versions/{champion}/artifact"), cancellationToken);
        var (worse, negated) = OnnxTamper.NegateTreeWeights(original)
            ?? throw new FaultTargetException($"the champion {Model} v{champion} has no tree weights to turn over");

        var registration = new JsonObject();
        foreach (var field in RegistrationFields.Where(metadata.ContainsKey))
        {
            registration[field] = metadata[field]?.DeepClone();
        }
        registration["sha256"] = Convert.ToHexStringLower(SHA256.HashData(worse));
        var parameters = registration["parameters"] as JsonObject ?? [];
        parameters["chaos"] = $"{Name}: v{champion} with {negated} tree weights negated";
        registration["parameters"] = parameters;
        using var register = Admin(HttpMethod.Post, new Uri(registry.HostUrl, $"/models/{Model}/versions"), context.AdminToken);
        var file = new ByteArrayContent(worse);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        register.Content = new MultipartFormDataContent { { file, "artifact", "model.onnx" }, { new StringContent(registration.ToJsonString()), "metadata" } };
        using var registered = await client.SendAsync(register, cancellationToken);
        var body = await registered.Content.ReadAsStringAsync(cancellationToken);
        var bad = registered.IsSuccessStatusCode ? (JsonNode.Parse(body) as JsonObject)?["version"]?.ToString() : null;
        if (bad is null)
        {
            throw new FaultTargetException($"the registry refused the bad version: {(int)registered.StatusCode} {body}");
        }

        using var promote = Admin(HttpMethod.Put, new Uri(registry.HostUrl, $"/models/{Model}/aliases/champion"), context.AdminToken);
        promote.Content = new StringContent(new JsonObject { ["version"] = bad }.ToJsonString(), Encoding.UTF8, "application/json");
        using (var promoted = await client.SendAsync(promote, cancellationToken))
        {
            if (!promoted.IsSuccessStatusCode)
            {
                throw new FaultTargetException($"the registry refused to promote v{bad}: {(int)promoted.StatusCode} {await promoted.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        var verified = await ChampionAsync(client, registry.HostUrl, cancellationToken) == bad;
        return new FaultInjection(Name, [registry.Alias], verified,
            verified
                ? $"{Model} v{bad} ({negated} tree weights of v{champion} negated, digest correct, v{champion}'s metrics claimed) is the champion"
                : $"{Model} v{bad} was registered but the champion is not it",
            async revertCancellation =>
            {
                if (await ChampionAsync(client, registry.HostUrl, revertCancellation) == bad)
                {
                    using var rollback = Admin(HttpMethod.Post, new Uri(registry.HostUrl, $"/models/{Model}/rollback"), context.AdminToken);
                    using var rolled = await client.SendAsync(rollback, revertCancellation);
                }
                return await ChampionAsync(client, registry.HostUrl, revertCancellation) != bad;
            });
    }

    private static HttpRequestMessage Admin(HttpMethod method, Uri uri, string? token)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<string?> ChampionAsync(HttpClient client, Uri registry, CancellationToken cancellationToken)
    {
        using var answer = await client.GetAsync(new Uri(registry, $"/models/{Model}/aliases/champion"), cancellationToken);
        return answer.IsSuccessStatusCode ? (JsonNode.Parse(await answer.Content.ReadAsStringAsync(cancellationToken)) as JsonObject)?["version"]?.ToString() : null;
    }
}
