using System.Net;
using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Ml;
using Chaos.Stack.Tests.Ml;
using Chaos.Stack.Tests.Registry;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Inference;

public sealed class RegistryReloadTests(TrainedModelsFixture models)
{
    private static readonly float[] Rows = InferRequests.Rows(200, seed: 23);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Infer_LoadedFromRegistry_ServesChampionVersion()
    {
        await using var stack = await RegistryStack.StartAsync(models);

        var predictions = await stack.PredictAsync(Rows);

        predictions.ShouldBe(Expected(ModelKind.Credit), tolerance: 1e-5f);
        using var metadata = await stack.MetadataAsync();
        metadata.RootElement.GetProperty("versions").EnumerateArray().ShouldHaveSingleItem().GetString().ShouldBe("1");
        metadata.RootElement.GetProperty("parameters").GetProperty("sha256").GetString().ShouldBe(models.Entry(ModelKind.Credit).Sha256);
    }

    [Fact]
    public async Task Reload_PromotedGoodVersion_SwitchesToNewModel()
    {
        await using var stack = await RegistryStack.StartAsync(models);
        var version = await stack.RegisterAsync(await stack.ModelBytesAsync(ModelKind.CreditSimple), ModelKind.CreditSimple);
        await stack.PromoteAsync(version);

        using var response = await stack.ReloadAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        body.RootElement.GetProperty("version").GetString().ShouldBe("2");
        body.RootElement.GetProperty("previous_version").GetString().ShouldBe("1");
        (await stack.PredictAsync(Rows)).ShouldBe(Expected(ModelKind.CreditSimple), tolerance: 1e-5f);
        var metrics = await stack.Inference.GetStringAsync("/metrics", Token);
        metrics.ShouldContain("chaos_inference_model_version{model=\"credit\",replica=\"replica-registry\"} 2\n");
        metrics.ShouldContain("chaos_inference_reloads_total{result=\"ok\",replica=\"replica-registry\"} 1\n");
    }

    [Fact]
    public async Task Reload_BodyNamesVersion_LoadsThatVersionWithoutPromotion()
    {
        await using var stack = await RegistryStack.StartAsync(models);
        var version = await stack.RegisterAsync(await stack.ModelBytesAsync(ModelKind.CreditSimple), ModelKind.CreditSimple);

        using var response = await stack.ReloadAsync(version);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var metadata = await stack.MetadataAsync();
        metadata.RootElement.GetProperty("versions")[0].GetString().ShouldBe(version);
    }

    [Fact]
    public async Task Reload_BitFlippedArtifactInStore_Refused409AndOldModelAnswersIdentically()
    {
        await using var stack = await RegistryStack.StartAsync(models);
        var before = await stack.PredictAsync(Rows);
        var version = await stack.RegisterAsync(await stack.ModelBytesAsync(ModelKind.Credit), ModelKind.Credit);
        var artifactPath = RegistryTestNodes.ArtifactPath(stack.StorePath, ModelKind.Credit, version);
        await File.WriteAllBytesAsync(artifactPath, RegistryTestNodes.FlipWeight(await File.ReadAllBytesAsync(artifactPath, Token)), Token);

        using var response = await stack.ReloadAsync(version);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("error").GetString()!;
        error.ShouldContain("SHA-256");
        error.ShouldContain("version 1 keeps serving");
        (await stack.PredictAsync(Rows)).ShouldBe(before);
        (await stack.Inference.GetAsync("/v2/health/ready", Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var metrics = await stack.Inference.GetStringAsync("/metrics", Token);
        metrics.ShouldContain("chaos_inference_reloads_total{result=\"refused\",replica=\"replica-registry\"} 1\n");
        metrics.ShouldContain("chaos_inference_model_version{model=\"credit\",replica=\"replica-registry\"} 1\n");
    }

    [Fact]
    public async Task Reload_TruncatedArtifactInStore_Refused409AndOldModelAnswersIdentically()
    {
        await using var stack = await RegistryStack.StartAsync(models);
        var before = await stack.PredictAsync(Rows);
        var version = await stack.RegisterAsync(await stack.ModelBytesAsync(ModelKind.Credit), ModelKind.Credit);
        var artifactPath = RegistryTestNodes.ArtifactPath(stack.StorePath, ModelKind.Credit, version);
        await File.WriteAllBytesAsync(artifactPath, RegistryTestNodes.Truncate(await File.ReadAllBytesAsync(artifactPath, Token)), Token);
        await stack.PromoteAsync(version);

        using var response = await stack.ReloadAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync(Token)).ShouldContain("truncated");
        (await stack.PredictAsync(Rows)).ShouldBe(before);
        (await stack.Inference.GetAsync("/v2/health/ready", Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reload_BitFlippedWithoutIntegrityCheck_AcceptedAndAnswersChange()
    {
        await using var stack = await RegistryStack.StartAsync(models, integrityCheck: false);
        var before = await stack.PredictAsync(Rows);
        var version = await stack.RegisterAsync(await stack.ModelBytesAsync(ModelKind.Credit), ModelKind.Credit);
        var artifactPath = RegistryTestNodes.ArtifactPath(stack.StorePath, ModelKind.Credit, version);
        var flipped = RegistryTestNodes.FlipWeight(await File.ReadAllBytesAsync(artifactPath, Token));
        await File.WriteAllBytesAsync(artifactPath, flipped, Token);

        using var response = await stack.ReloadAsync(version);

        // The known-bad variant: ONNX Runtime accepts the flipped weight, and the node now serves a silently different model.
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var metadata = await stack.MetadataAsync();
        metadata.RootElement.GetProperty("parameters").GetProperty("sha256").GetString().ShouldBe(FileDigest.Sha256Hex(flipped));
        metadata.RootElement.GetProperty("parameters").GetProperty("integrity_check").GetString().ShouldBe("false");
        (await stack.PredictAsync(Rows)).ShouldNotBe(before);
    }

    [Fact]
    public async Task Reload_TruncatedWithoutIntegrityCheck_RefusedByOnnxRuntime()
    {
        await using var stack = await RegistryStack.StartAsync(models, integrityCheck: false);
        var before = await stack.PredictAsync(Rows);
        var version = await stack.RegisterAsync(await stack.ModelBytesAsync(ModelKind.Credit), ModelKind.Credit);
        var artifactPath = RegistryTestNodes.ArtifactPath(stack.StorePath, ModelKind.Credit, version);
        await File.WriteAllBytesAsync(artifactPath, RegistryTestNodes.Truncate(await File.ReadAllBytesAsync(artifactPath, Token)), Token);

        using var response = await stack.ReloadAsync(version);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync(Token)).ShouldContain("ONNX Runtime cannot load");
        (await stack.PredictAsync(Rows)).ShouldBe(before);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Reload_WithoutValidToken_Returns401(string? token)
    {
        await using var stack = await RegistryStack.StartAsync(models);

        using var response = await stack.ReloadAsync(token: token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Reload_NoAdminTokenConfigured_Returns404()
    {
        await using var stack = await RegistryStack.StartAsync(models, adminToken: null);

        using var response = await stack.ReloadAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Start_ChampionCorruptedInStore_StaysUnready()
    {
        await using var stack = await RegistryStack.StartAsync(models, beforeInference: store =>
        {
            var path = RegistryTestNodes.ArtifactPath(store, ModelKind.Credit, "1");
            File.WriteAllBytes(path, RegistryTestNodes.FlipWeight(File.ReadAllBytes(path)));
        });

        using var ready = await stack.Inference.GetAsync("/v2/health/ready", Token);

        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync(Token)).ShouldContain("SHA-256");
    }

    [Fact]
    public async Task Reload_GoodVersionAfterUnreadyStart_BecomesReady()
    {
        await using var stack = await RegistryStack.StartAsync(models, beforeInference: store =>
            File.WriteAllBytes(RegistryTestNodes.ArtifactPath(store, ModelKind.Credit, "1"), [1, 2, 3]));
        var version = await stack.RegisterAsync(await stack.ModelBytesAsync(ModelKind.Credit), ModelKind.Credit);

        using var response = await stack.ReloadAsync(version);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stack.Inference.GetAsync("/v2/health/ready", Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stack.PredictAsync(Rows)).ShouldBe(Expected(ModelKind.Credit), tolerance: 1e-5f);
    }

    private float[] Expected(string model)
    {
        var entry = models.Entry(model);
        return CreditTrainerTests.Predict(Path.Combine(models.ModelDirectory, entry.File), entry.OnnxInput, entry.OnnxOutput, Rows);
    }
}
