using System.Net;
using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Chaos.Stack.Ml;
using Chaos.Stack.Tests.Ml;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Inference;

public sealed class InferenceNodeTests(TrainedModelsFixture models) : IAsyncLifetime
{
    private StackServer server = null!;
    private HttpClient client = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        server = await Nodes.StartInferenceAsync(models.ModelDirectory, replicaName: "replica-a");
        client = Nodes.ClientFor(server);
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Infer_ValidBatch_MatchesInProcessOnnxRuntime()
    {
        var rows = InferRequests.Rows(64, seed: 11);
        var entry = models.Entry(ModelKind.Credit);
        var expected = CreditTrainerTests.Predict(Path.Combine(models.ModelDirectory, entry.File), entry.OnnxInput, entry.OnnxOutput, rows);

        using var response = await client.PostAsync("/v2/models/credit/infer", InferRequests.Json(InferRequests.Body(rows)), Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        body.RootElement.GetProperty("model_name").GetString().ShouldBe("credit");
        body.RootElement.GetProperty("id").GetString().ShouldBe("t-1");
        var output = body.RootElement.GetProperty("outputs")[0];
        output.GetProperty("name").GetString().ShouldBe("probability");
        output.GetProperty("shape")[0].GetInt32().ShouldBe(64);
        var actual = output.GetProperty("data").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        actual.Length.ShouldBe(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            actual[i].ShouldBe(expected[i], 1e-5f);
        }
    }

    [Fact]
    public async Task Infer_NestedData_Returns200()
    {
        const string body = """{"inputs":[{"name":"features","shape":[2,8],"datatype":"FP32","data":[[50,0.3,40,8,0,15,5,0],[20,0.9,25,1,4,40,0,1]]}]}""";

        using var response = await client.PostAsync("/v2/models/credit/infer", InferRequests.Json(body), Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Infer_AnyRequest_CarriesReplicaHeader()
    {
        using var response = await client.GetAsync("/v2/health/live", Token);

        response.Headers.GetValues(StackHeaders.Replica).ShouldBe(["replica-a"]);
    }

    [Fact]
    public async Task Metadata_OnThisMachineWithoutCuda_ReportsCpuProvider()
    {
        using var body = JsonDocument.Parse(await client.GetStringAsync("/v2/models/credit", Token));

        body.RootElement.GetProperty("platform").GetString().ShouldBe("onnxruntime_onnx");
        body.RootElement.GetProperty("parameters").GetProperty("execution_provider").GetString().ShouldBe("cpu");
        var input = body.RootElement.GetProperty("inputs")[0];
        input.GetProperty("name").GetString().ShouldBe("features");
        input.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ShouldBe([-1, 8]);
    }

    [Fact]
    public async Task Health_ModelVerified_LiveAndReady()
    {
        using var live = await client.GetAsync("/v2/health/live", Token);
        using var ready = await client.GetAsync("/v2/health/ready", Token);
        using var modelReady = await client.GetAsync("/v2/models/credit/ready", Token);

        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        modelReady.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"inputs":[{"name":"features","shape":[1,8],"datatype":"FP32","data":[1,2,3""")]
    [InlineData("""{"inputs":[{"name":"features","shape":[1,7],"datatype":"FP32","data":[1,2,3,4,5,6,7]}]}""")]
    [InlineData("""{"inputs":[{"name":"features","shape":[2,8],"datatype":"FP32","data":[1,2,3,4,5,6,7,8]}]}""")]
    [InlineData("""{"inputs":[{"name":"features","shape":[1,8],"datatype":"FP64","data":[1,2,3,4,5,6,7,8]}]}""")]
    [InlineData("""{"inputs":[{"name":"features","shape":[1,8],"datatype":"FP32","data":[1,2,3,4,5,6,7,"NaN"]}]}""")]
    [InlineData("""{"inputs":[{"name":"features","shape":[1,8],"datatype":"FP32","data":[1,2,3,4,5,6,7,1e39]}]}""")]
    [InlineData("""{"inputs":[{"name":"features","shape":[1,8],"datatype":"FP32","data":[1,2,3,4,5,6,7,true]}]}""")]
    [InlineData("""{"inputs":[{"name":"pixels","shape":[1,8],"datatype":"FP32","data":[1,2,3,4,5,6,7,8]}]}""")]
    [InlineData("""{"inputs":[]}""")]
    [InlineData("""[1,2,3]""")]
    public async Task Infer_BadRequest_Returns400WithErrorBody(string body)
    {
        using var response = await client.PostAsync("/v2/models/credit/infer", InferRequests.Json(body), Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await ShouldHaveErrorBody(response);
    }

    [Fact]
    public async Task Infer_UnknownModel_Returns404WithErrorBody()
    {
        using var response = await client.PostAsync("/v2/models/fraud/infer", InferRequests.Json(InferRequests.Body(InferRequests.Rows(1, 1))), Token);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await ShouldHaveErrorBody(response);
    }

    [Fact]
    public async Task Infer_BodyOverOneMebibyte_Returns413WithErrorBody()
    {
        var body = InferRequests.Body(InferRequests.Rows(1, 1)).Replace("\"id\":\"t-1\"", $"\"id\":\"{new string('x', 1_100_000)}\"", StringComparison.Ordinal);

        using var response = await client.PostAsync("/v2/models/credit/infer", InferRequests.Json(body), Token);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        await ShouldHaveErrorBody(response);
    }

    [Fact]
    public async Task Metrics_AfterInfer_ExposeLatencyStatusAndProvider()
    {
        using var infer = await client.PostAsync("/v2/models/credit/infer", InferRequests.Json(InferRequests.Body(InferRequests.Rows(1, 1))), Token);

        var metrics = await client.GetStringAsync("/metrics", Token);

        metrics.ShouldContain("chaos_inference_request_duration_seconds_bucket{le=\"+Inf\"}");
        metrics.ShouldContain("chaos_inference_requests_total{code=\"200\"}");
        metrics.ShouldContain("chaos_inference_requests_in_flight");
        metrics.ShouldContain("provider=\"cpu\"");
        metrics.ShouldContain("version=\"1\"");
    }

    [Fact]
    public async Task Metrics_QueueDepthAndTheLabelledCpuStandInForAcceleratorUtilisation()
    {
        using var infer = await client.PostAsync("/v2/models/credit/infer", InferRequests.Json(InferRequests.Body(InferRequests.Rows(256, 1))), Token);

        var metrics = await client.GetStringAsync("/metrics", Token);

        infer.StatusCode.ShouldBe(HttpStatusCode.OK);
        metrics.ShouldContain("chaos_inference_queue_depth{replica=\"replica-a\"} 0\n");
        metrics.ShouldContain("chaos_inference_accelerator_utilization{replica=\"replica-a\",provider=\"cpu\",source=\"cpu-standin\"} ");
        var busy = metrics.Split('\n').Single(l => l.StartsWith("chaos_inference_accelerator_busy_seconds_total{", StringComparison.Ordinal));
        double.Parse(busy[(busy.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
    }

    internal static async Task ShouldHaveErrorBody(HttpResponseMessage response)
    {
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        error.RootElement.GetProperty("error").GetString().ShouldNotBeNullOrWhiteSpace();
    }
}
