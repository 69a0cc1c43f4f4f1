using System.Net.Http.Headers;
using System.Text.Json;
using Chaos.Stack.Hosting;
using Chaos.Stack.Inference;
using Chaos.Stack.Ml;
using Chaos.Stack.Tests.Registry;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Inference;

/// <summary>A real registry seeded from the trained models, and an inference node that loads from it; both on loopback port 0.</summary>
public sealed class RegistryStack : IAsyncDisposable
{
    public const string AdminToken = "inference-test-token";

    private readonly TempDirectory store = new();
    private StackServer registry = null!;
    private StackServer inference = null!;

    private RegistryStack(TrainedModelsFixture models) => Models = models;

    public TrainedModelsFixture Models { get; }

    public HttpClient Registry { get; private set; } = null!;

    public HttpClient Inference { get; private set; } = null!;

    public string StorePath => store.Path;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<RegistryStack> StartAsync(TrainedModelsFixture models, bool integrityCheck = true, string? adminToken = AdminToken, Action<string>? beforeInference = null, TimeSpan followChampion = default)
    {
        var stack = new RegistryStack(models);
        stack.registry = await RegistryTestNodes.StartAsync(stack.store.Path, models.ModelDirectory);
        stack.Registry = Nodes.ClientFor(stack.registry);
        beforeInference?.Invoke(stack.store.Path);
        var options = new InferenceOptions(string.Empty, ModelKind.Credit, ListenAddress.LoopbackAnyPort, "replica-registry", DisableCuda: false)
        {
            RegistryUrl = stack.registry.BaseAddress,
            AdminToken = adminToken,
            IntegrityCheck = integrityCheck,
            FollowChampion = followChampion,
        };
        stack.inference = await InferenceNode.CreateAsync(options, TimeProvider.System, Token);
        await stack.inference.StartAsync(Token);
        stack.Inference = Nodes.ClientFor(stack.inference);
        return stack;
    }

    /// <summary>Registers <paramref name="artifact"/> as the next version of credit, with <paramref name="lineageOf"/>'s metadata.</summary>
    public Task<string> RegisterAsync(byte[] artifact, string lineageOf) =>
        RegistryTestNodes.RegisterAsync(Registry, ModelKind.Credit, artifact, Models.Entry(lineageOf));

    public Task<byte[]> ModelBytesAsync(string model) => File.ReadAllBytesAsync(Path.Combine(Models.ModelDirectory, Models.Entry(model).File), Token);

    public async Task PromoteAsync(string version)
    {
        using var request = RegistryTestNodes.Request(HttpMethod.Put, "/models/credit/aliases/champion", RegistryTestNodes.VersionBody(version));
        using var response = await Registry.SendAsync(request, Token);
        response.EnsureSuccessStatusCode();
    }

    public async Task<HttpResponseMessage> ReloadAsync(string? version = null, string? token = AdminToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ReloadEndpoints.Route)
        {
            Content = version is null ? null : RegistryTestNodes.VersionBody(version),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Inference.SendAsync(request, Token);
    }

    /// <summary>The probabilities the node answers for <paramref name="rows"/>.</summary>
    public async Task<float[]> PredictAsync(float[] rows)
    {
        using var response = await Inference.PostAsync("/v2/models/credit/infer", InferRequests.Json(InferRequests.Body(rows)), Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(text);
        return body.RootElement.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetSingle()).ToArray();
    }

    public async Task<JsonDocument> MetadataAsync() => JsonDocument.Parse(await Inference.GetStringAsync("/v2/models/credit", Token));

    public async ValueTask DisposeAsync()
    {
        Inference?.Dispose();
        Registry?.Dispose();
        if (inference is not null)
        {
            await inference.DisposeAsync();
        }

        await registry.DisposeAsync();
        store.Dispose();
    }
}
