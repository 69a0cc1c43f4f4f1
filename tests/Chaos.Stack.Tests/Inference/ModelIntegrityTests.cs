using System.Net;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Inference;

public sealed class ModelIntegrityTests(TrainedModelsFixture models)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ready_ModelFileDigestMismatch_StaysUnreadyAndRefusesInference()
    {
        using var tampered = TempDirectory.CopyOf(models.ModelDirectory);
        var modelPath = Path.Combine(tampered.Path, "credit.onnx");
        var bytes = await File.ReadAllBytesAsync(modelPath, Token);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(modelPath, bytes, Token);
        await using var server = await Nodes.StartInferenceAsync(tampered.Path);
        using var client = Nodes.ClientFor(server);

        using var live = await client.GetAsync("/v2/health/live", Token);
        using var ready = await client.GetAsync("/v2/health/ready", Token);
        using var infer = await client.PostAsync("/v2/models/credit/infer", InferRequests.Json(InferRequests.Body(InferRequests.Rows(1, 1))), Token);

        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        infer.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync(Token)).ShouldContain("SHA-256");
    }

    [Fact]
    public async Task Metadata_CudaDisabledBySwitch_ReportsCpu()
    {
        await using var server = await Nodes.StartInferenceAsync(models.ModelDirectory, model: "credit-simple", disableCuda: true);
        using var client = Nodes.ClientFor(server);

        var metadata = await client.GetStringAsync("/v2/models/credit-simple", Token);

        metadata.ShouldContain("\"execution_provider\":\"cpu\"");
    }
}
