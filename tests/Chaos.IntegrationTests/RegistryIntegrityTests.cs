using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Chaos.Targets;

namespace Chaos.IntegrationTests;

public sealed class NoIntegrityCheckStackFixture() : StackFixture(StackVariant.NoIntegrityCheck);

/// <summary>
/// The registry in the topology: replicas load the champion from it, and a bit-flipped artifact published there is refused
/// by the full stack (the old model keeps serving) but loaded by the variant no-integrity-check.
/// </summary>
[Trait("Category", "Containers")]
public sealed class RegistryIntegrityTests(FullStackFixture stack) : IClassFixture<FullStackFixture>
{
    [Fact]
    public async Task Registry_AtStartUp_HoldsTheTrainedModelsWithLineage_AndReplicasServeTheChampion()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var registry = stack.Member("registry").HostUrl;

        var champion = await stack.Client.GetStringAsync(new Uri(registry, "/models/credit/aliases/champion"), cancellationToken);
        using var version = JsonDocument.Parse(await stack.Client.GetStringAsync(new Uri(registry, "/models/credit/versions/1"), cancellationToken));
        var metadata = await stack.Client.GetStringAsync(new Uri(stack.Member("inference-1").HostUrl, "/v2/models/credit"), cancellationToken);

        champion.ShouldContain("\"version\":\"1\"");
        var root = version.RootElement;
        root.GetProperty("sha256").GetString()!.Length.ShouldBe(64);
        root.GetProperty("training_data_version").GetString().ShouldStartWith("credit-task:seed=");
        root.GetProperty("code_version").GetString().ShouldNotBeNullOrEmpty();
        root.GetProperty("parameters").GetProperty("trainer").GetString().ShouldBe("fasttree");
        root.GetProperty("metrics").GetProperty("auc").GetDouble().ShouldBeGreaterThan(0.7);
        root.GetProperty("feature_ranges").GetArrayLength().ShouldBe(8);
        metadata.ShouldContain($"\"sha256\":\"{root.GetProperty("sha256").GetString()}\"");
        metadata.ShouldContain("\"validation\":\"true\"");
    }

    [Fact]
    public async Task Inference_ValueOutsideTheDeclaredRange_Refused400()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var replica = stack.Member("inference-1").HostUrl;

        using var good = await RegistryCorruption.InferAsync(stack.Client, replica, age: 40, cancellationToken);
        using var outOfRange = await RegistryCorruption.InferAsync(stack.Client, replica, age: 4000, cancellationToken);

        good.StatusCode.ShouldBe(HttpStatusCode.OK);
        outOfRange.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await outOfRange.Content.ReadAsStringAsync(cancellationToken)).ShouldContain("outside the declared range");
    }

    [Fact]
    public async Task CorruptChampion_FullStack_RefusedAndTheOldModelKeepsServing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await RegistryCorruption.PublishCorruptChampionAsync(stack, cancellationToken);

        foreach (var alias in new[] { "inference-1", "inference-2" })
        {
            var replica = stack.Member(alias).HostUrl;
            using var reload = await RegistryCorruption.ReloadAsync(stack, replica, cancellationToken);
            var answer = await reload.Content.ReadAsStringAsync(cancellationToken);
            reload.StatusCode.ShouldBe(HttpStatusCode.Conflict, answer);
            answer.ShouldContain("version 1 keeps serving");
            answer.ShouldContain("SHA-256", Case.Insensitive);

            using var infer = await RegistryCorruption.InferAsync(stack.Client, replica, age: 40, cancellationToken);
            infer.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await infer.Content.ReadAsStringAsync(cancellationToken)).ShouldContain("\"model_version\":\"1\"");
        }

        // At least the reload above; the replica's champion follower (every 2 s) may have tried and refused it first too.
        var metrics = await stack.Client.GetStringAsync(new Uri(stack.Member("inference-1").HostUrl, "/metrics"), cancellationToken);
        const string refused = "chaos_inference_reloads_total{result=\"refused\",replica=\"inference-1\"} ";
        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(refused, StringComparison.Ordinal));
        line.ShouldNotBeNull(metrics);
        double.Parse(line[refused.Length..], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
    }
}

/// <summary>The same corrupt artifact on a stack that loads without verifying: it is served.</summary>
[Trait("Category", "Containers")]
public sealed class NoIntegrityCheckTests(NoIntegrityCheckStackFixture stack) : IClassFixture<NoIntegrityCheckStackFixture>
{
    [Fact]
    public async Task CorruptChampion_NoIntegrityCheck_IsLoadedAndServed()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await RegistryCorruption.PublishCorruptChampionAsync(stack, cancellationToken);
        var replica = stack.Member("inference-1").HostUrl;

        using var reload = await RegistryCorruption.ReloadAsync(stack, replica, cancellationToken);
        var answer = await reload.Content.ReadAsStringAsync(cancellationToken);
        using var infer = await RegistryCorruption.InferAsync(stack.Client, replica, age: 40, cancellationToken);

        reload.StatusCode.ShouldBe(HttpStatusCode.OK, answer);
        infer.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await infer.Content.ReadAsStringAsync(cancellationToken)).ShouldContain("\"model_version\":\"2\"");
    }
}

internal static class RegistryCorruption
{
    /// <summary>
    /// Registers the simplified model's bytes as credit version 2, flips one bit of the stored artifact on the registry's disk
    /// (in the producer name "ML.NET": the file still parses, only its digest tells), then promotes version 2 to champion.
    /// </summary>
    public static async Task PublishCorruptChampionAsync(StackFixture stack, CancellationToken cancellationToken)
    {
        var registryMember = stack.Member("registry");
        var registry = registryMember.HostUrl;
        var bytes = await stack.Client.GetByteArrayAsync(new Uri(registry, "/models/credit-simple/versions/1/artifact"), cancellationToken);
        var metadata = await stack.Client.GetStringAsync(new Uri(registry, "/models/credit-simple/versions/1"), cancellationToken);

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(bytes), "artifact", "credit.onnx" },
            { new StringContent(metadata, Encoding.UTF8, "application/json"), "metadata" },
        };
        using var register = Authorized(stack, HttpMethod.Post, new Uri(registry, "/models/credit/versions"), form);
        using var registered = await stack.Client.SendAsync(register, cancellationToken);
        var registeredText = await registered.Content.ReadAsStringAsync(cancellationToken);
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, registeredText);
        registeredText.ShouldContain("\"version\":\"2\"");

        var marker = Encoding.ASCII.GetBytes("ML.NET");
        var at = bytes.AsSpan().IndexOf(marker);
        at.ShouldBeGreaterThanOrEqualTo(0, "the artifact has no producer name to flip a bit in");
        var corrupt = (byte[])bytes.Clone();
        corrupt[at] ^= 0x01;
        await stack.Engine.WriteFileAsync(registryMember.Id, $"{DockerStack.RegistryStore}/credit/versions/2/artifact.onnx", corrupt, cancellationToken);
        var served = await stack.Client.GetByteArrayAsync(new Uri(registry, "/models/credit/versions/2/artifact"), cancellationToken);
        served.ShouldBe(corrupt, "the registry does not serve the altered bytes");

        using var promote = Authorized(stack, HttpMethod.Put, new Uri(registry, "/models/credit/aliases/champion"),
            new StringContent("{\"version\":\"2\"}", Encoding.UTF8, "application/json"));
        using var promoted = await stack.Client.SendAsync(promote, cancellationToken);
        promoted.StatusCode.ShouldBe(HttpStatusCode.OK, await promoted.Content.ReadAsStringAsync(cancellationToken));
    }

    public static Task<HttpResponseMessage> ReloadAsync(StackFixture stack, Uri replica, CancellationToken cancellationToken)
    {
        using var request = Authorized(stack, HttpMethod.Post, new Uri(replica, "/admin/reload"), null);
        return stack.Client.SendAsync(request, cancellationToken);
    }

    public static Task<HttpResponseMessage> InferAsync(HttpClient client, Uri replica, double age, CancellationToken cancellationToken)
    {
        var body = $$"""{"inputs":[{"name":"features","shape":[1,8],"datatype":"FP32","data":[55,0.3,{{age.ToString(System.Globalization.CultureInfo.InvariantCulture)}},10,0,15,5,0]}]}""";
        return client.PostAsync(new Uri(replica, "/v2/models/credit/infer"), new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
    }

    private static HttpRequestMessage Authorized(StackFixture stack, HttpMethod method, Uri uri, HttpContent? content) => new(method, uri)
    {
        Content = content,
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", stack.Stack.AdminToken) },
    };
}
