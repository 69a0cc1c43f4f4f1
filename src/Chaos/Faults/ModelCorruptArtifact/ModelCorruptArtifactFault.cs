using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Chaos.Targets;

namespace Chaos.Faults.ModelCorruptArtifact;

/// <summary>
/// <c>model.corrupt-artifact</c>: the champion's artifact is tampered with at rest in the run's registry (tree weights negated:
/// the file still parses, its SHA-256 no longer matches), then rolled out: every inference replica is asked to reload the
/// champion with the run's token, as a deployment would. A stack that checks the digest refuses it and keeps serving the
/// current model; one that does not serves a model whose answers are turned over. Verified when the registry serves the
/// altered bytes and every replica answered the reload; reverted by writing the original bytes back and reloading again.
/// </summary>
public sealed class ModelCorruptArtifactFault : IFault
{
    public const string Name = "model.corrupt-artifact";
    private const string Model = "credit";

    public string Kind => Name;

    public string Description =>
        "Tampers with the champion's artifact in the registry (tree weights negated: it still parses, the digest no longer matches) and asks every inference replica to reload it; verified by the altered bytes served and every replica's answer (loaded or refused); reverted by restoring the bytes and reloading. Target: { role: registry }.";

    public async Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var client = context.Client ?? throw new FaultTargetException($"{Name} needs an HTTP client");
        // The run has one registry, so any pick resolves to it.
        var registry = context.ResolveTargetsOf("registry", Name, "tampers with the registry's stored artifact")[0];
        var champion = JsonNode.Parse(await client.GetStringAsync(new Uri(registry.HostUrl, $"/models/{Model}/aliases/champion"), cancellationToken))?["version"]?.ToString()
            ?? throw new FaultTargetException($"the registry names no champion of {Model}");
        var artifactUri = new Uri(registry.HostUrl, $"/models/{Model}/versions/{champion}/artifact");
        var original = await client.GetByteArrayAsync(artifactUri, cancellationToken);
        var (tampered, negated) = OnnxTamper.NegateTreeWeights(original)
            ?? throw new FaultTargetException($"the champion {Model} v{champion} has no tree weights to tamper with");
        var path = $"{DockerStack.RegistryStore}/{Model}/versions/{champion}/artifact.onnx";
        await context.Engine.WriteFileAsync(registry.Id, path, tampered, cancellationToken);
        var served = (await client.GetByteArrayAsync(artifactUri, cancellationToken)).AsSpan().SequenceEqual(tampered);

        var replicas = context.Members.Where(m => m.Role == "inference").ToList();
        var answers = await ReloadAllAsync(client, replicas, context.AdminToken, cancellationToken);
        var loaded = answers.Count(a => a.Status == HttpStatusCode.OK);
        var refused = answers.Count(a => a.Status == HttpStatusCode.Conflict);
        var verified = served && replicas.Count > 0 && loaded + refused == replicas.Count;
        return new FaultInjection(Name, [registry.Alias], verified,
            $"{Model} v{champion} tampered at rest ({negated} tree weights negated, {(served ? "served by the registry" : "NOT served by the registry")}); " +
            $"rolled out to {replicas.Count} replicas: {loaded} loaded it, {refused} refused it" +
            (loaded + refused == replicas.Count ? "" : $", {replicas.Count - loaded - refused} answered otherwise ({string.Join(", ", answers.Select(a => $"{a.Alias} {(int)a.Status}"))})"),
            async revertCancellation =>
            {
                await context.Engine.WriteFileAsync(registry.Id, path, original, revertCancellation);
                var restored = (await client.GetByteArrayAsync(artifactUri, revertCancellation)).AsSpan().SequenceEqual(original);
                // Replicas that loaded the tampered model go back to the real one; those that refused keep serving it anyway.
                var again = await ReloadAllAsync(client, context.Members.Where(m => m.Role == "inference").ToList(), context.AdminToken, revertCancellation);
                return restored && again.All(a => a.Status == HttpStatusCode.OK);
            });
    }

    private static async Task<List<(string Alias, HttpStatusCode Status)>> ReloadAllAsync(HttpClient client, IReadOnlyList<StackContainer> replicas, string? token, CancellationToken cancellationToken)
    {
        var answers = new List<(string, HttpStatusCode)>();
        foreach (var replica in replicas)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(replica.HostUrl, "/admin/reload"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            try
            {
                using var response = await client.SendAsync(request, cancellationToken);
                answers.Add((replica.Alias, response.StatusCode));
            }
            catch (HttpRequestException)
            {
                answers.Add((replica.Alias, HttpStatusCode.ServiceUnavailable));
            }
        }
        return answers;
    }
}
