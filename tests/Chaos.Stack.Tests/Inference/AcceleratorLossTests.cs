using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Chaos.Stack.Inference;
using Chaos.Stack.Ml;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Inference;

/// <summary>
/// <c>POST /admin/accelerator</c> (what gpu.loss uses): the node marks its accelerator lost, rebuilds the served version's
/// session on the CPU and keeps answering the same predictions; the accelerator back, it rebuilds again. No GPU here, so the
/// provider is cpu on both sides; what is checked is the rebuild, the state, the metric and the answers.
/// </summary>
public sealed class AcceleratorLossTests(TrainedModelsFixture models)
{
    private static readonly float[] Rows = InferRequests.Rows(50, seed: 31);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcceleratorLost_NodeRebuildsOnCpuAndAnswersTheSame_ThenComesBack()
    {
        await using var stack = await RegistryStack.StartAsync(models);
        var before = await stack.PredictAsync(Rows);

        using (var lost = await SetAsync(stack, available: false))
        {
            lost.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var state = JsonDocument.Parse(await lost.Content.ReadAsStringAsync(Token));
            state.RootElement.GetProperty("available").GetBoolean().ShouldBeFalse();
            state.RootElement.GetProperty("provider").GetString().ShouldBe(ExecutionProvider.Cpu);
            state.RootElement.GetProperty("version").GetString().ShouldBe("1");
        }

        (await stack.PredictAsync(Rows)).ShouldBe(before);
        var metrics = await stack.Inference.GetStringAsync("/metrics", Token);
        metrics.ShouldContain($"{InferenceMetrics.AcceleratorAvailableName}{{replica=\"replica-registry\"}} 0\n");
        metrics.ShouldContain("chaos_inference_reloads_total{result=\"ok\",replica=\"replica-registry\"} 1\n");

        using (var back = await SetAsync(stack, available: true))
        {
            back.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await stack.Inference.GetStringAsync("/metrics", Token)).ShouldContain($"{InferenceMetrics.AcceleratorAvailableName}{{replica=\"replica-registry\"}} 1\n");
        (await stack.PredictAsync(Rows)).ShouldBe(before);
    }

    [Fact]
    public async Task Accelerator_WithoutToken_Refused401AndNothingChanges()
    {
        await using var stack = await RegistryStack.StartAsync(models);

        using var response = await stack.Inference.PostAsync(AcceleratorEndpoints.Route, Json("{\"available\": false}"), Token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await stack.Inference.GetStringAsync("/metrics", Token)).ShouldContain($"{InferenceMetrics.AcceleratorAvailableName}{{replica=\"replica-registry\"}} 1\n");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"available\": \"no\"}")]
    [InlineData("not json")]
    public async Task Accelerator_BadBody_Refused400WithTheExpectedForm(string body)
    {
        await using var stack = await RegistryStack.StartAsync(models);
        using var request = Request(body);

        using var response = await stack.Inference.SendAsync(request, Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        error.RootElement.GetProperty("error").GetString().ShouldNotBeNull().ShouldContain("{\"available\": false}");
    }

    private static async Task<HttpResponseMessage> SetAsync(RegistryStack stack, bool available)
    {
        using var request = Request(available ? "{\"available\": true}" : "{\"available\": false}");
        return await stack.Inference.SendAsync(request, Token);
    }

    private static HttpRequestMessage Request(string body) => new(HttpMethod.Post, AcceleratorEndpoints.Route)
    {
        Content = Json(body),
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", RegistryStack.AdminToken) },
    };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
