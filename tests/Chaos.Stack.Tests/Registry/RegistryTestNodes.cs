using System.Net.Http.Headers;
using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Chaos.Stack.Registry;

namespace Chaos.Stack.Tests.Registry;

/// <summary>Starts a real registry on loopback port 0 and builds its requests.</summary>
public static class RegistryTestNodes
{
    public const string AdminToken = "registry-test-token";

    public static async Task<StackServer> StartAsync(string store, string? seedFrom, string? adminToken = AdminToken, TimeProvider? timeProvider = null)
    {
        var options = new RegistryOptions(store, ListenAddress.LoopbackAnyPort, seedFrom, adminToken);
        var server = await RegistryNode.CreateAsync(options, timeProvider ?? TimeProvider.System, TestContext.Current.CancellationToken);
        await server.StartAsync(TestContext.Current.CancellationToken);
        return server;
    }

    /// <summary>A multipart registration of <paramref name="artifact"/> with the lineage of <paramref name="entry"/>.</summary>
    public static MultipartFormDataContent Registration(byte[] artifact, ModelManifestEntry entry, string? claimedSha256 = null)
    {
        var metadata = RegistrySeeder.Registration(entry) with { Sha256 = claimedSha256 };
        var file = new ByteArrayContent(artifact);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent
        {
            { file, RegistryEndpoints.ArtifactField, "model.onnx" },
            { new StringContent(JsonSerializer.Serialize(metadata, StackJson.Options)), RegistryEndpoints.MetadataField },
        };
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content, string? token = AdminToken)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public static StringContent VersionBody(string version) => new($$"""{"version":"{{version}}"}""", System.Text.Encoding.UTF8, "application/json");

    /// <summary>Registers <paramref name="artifact"/> under <paramref name="model"/> and returns the version the registry assigned.</summary>
    public static async Task<string> RegisterAsync(HttpClient client, string model, byte[] artifact, ModelManifestEntry lineage)
    {
        using var request = Request(HttpMethod.Post, $"/models/{model}/versions", Registration(artifact, lineage));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("version").GetString()!;
    }

    /// <summary>Where the store keeps a version's bytes: tests write there to simulate corruption at rest.</summary>
    public static string ArtifactPath(string store, string model, string version) => Path.Combine(store, model, "versions", version, ModelStore.ArtifactFileName);

    /// <summary>
    /// Flips the sign of the first tree's root threshold (the first float of the <c>nodes_values</c> attribute): the protobuf stays
    /// valid, so ONNX Runtime loads it, but the model answers differently.
    /// </summary>
    public static byte[] FlipWeight(byte[] onnx)
    {
        var marker = "nodes_values"u8;
        var at = onnx.AsSpan().IndexOf(marker);
        at.ShouldBeGreaterThan(0, "the FastTree ONNX model has a nodes_values attribute");
        var position = at + marker.Length;
        onnx[position].ShouldBe((byte)0x3A, "field 7 (floats), length-delimited, follows the attribute name");
        position++;
        while ((onnx[position] & 0x80) != 0)
        {
            position++;
        }

        var flipped = (byte[])onnx.Clone();
        // Little-endian float: the fourth byte holds the sign bit.
        flipped[position + 1 + 3] ^= 0x80;
        return flipped;
    }

    /// <summary>The first half of the file: what a crashed copy or a full disk leaves.</summary>
    public static byte[] Truncate(byte[] onnx) => onnx[..(onnx.Length / 2)];
}
