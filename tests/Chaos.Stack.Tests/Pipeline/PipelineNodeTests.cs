using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chaos.Stack.Hosting;
using Chaos.Stack.Ml;
using Chaos.Stack.Pipeline;
using Chaos.Stack.Registry;
using Chaos.Stack.Tests.Registry;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Pipeline;

public sealed class PipelineNodeTests : IAsyncLifetime
{
    private readonly TempDirectory folder = new();
    private StackServer registry = null!;

    public async ValueTask InitializeAsync() => registry = await RegistryTestNodes.StartAsync(Path.Combine(folder.Path, "registry"), null);

    private async Task<StackServer> StartPipelineAsync(PipelineOptions? options = null, Action<string>? crashNow = null)
    {
        var server = await PipelineNode.CreateAsync(options ?? Options(), TimeProvider.System, TestContext.Current.CancellationToken, crashNow);
        await server.StartAsync(TestContext.Current.CancellationToken);
        return server;
    }

    private PipelineOptions Options() => new(Path.Combine(folder.Path, "pipeline"), ListenAddress.LoopbackAnyPort)
    {
        RegistryUrl = registry.BaseAddress,
        AdminToken = RegistryTestNodes.AdminToken,
        CheckInterval = TimeSpan.FromMilliseconds(100),
        RetrainAfterNewRows = 0,
    };

    private static JsonObject BatchJson(string batchId, int rows, int seed, CreditDrift? drift = null)
    {
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var array = new JsonArray();
        var index = 0;
        foreach (var example in DriftingCreditTask.Generate(rows, seed, drift ?? CreditDrift.None))
        {
            array.Add(new JsonObject
            {
                ["id"] = $"{batchId}-{index++}",
                ["eventTime"] = now,
                ["features"] = new JsonArray(example.Features.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
                ["label"] = example.Label,
            });
        }

        return new JsonObject { ["batchId"] = batchId, ["rows"] = array };
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));

    private static async Task<JsonElement> PollAsync(HttpClient client, string path, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = await client.GetFromJsonAsync<JsonElement>(path, TestContext.Current.CancellationToken);
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"{path} did not reach the condition in {timeout}; last answer {last}");
    }

    [Fact]
    public async Task Batches_GoodAndBadBatches_AreCommittedQuarantinedOrRejectedOverHttp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var pipeline = await StartPipelineAsync(Options() with { Retraining = false, DriftMonitor = false });
        using var client = Nodes.ClientFor(pipeline);

        var good = BatchJson("good", 100, 1);
        ((JsonArray)good["rows"]!)[3]!["features"]![1] = 42;
        using var accepted = await client.PostAsJsonAsync("/batches", good, ct);
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await JsonAsync(accepted);
        result.GetProperty("rows_accepted").GetInt32().ShouldBe(99);
        result.GetProperty("rows_quarantined").GetInt32().ShouldBe(1);
        result.GetProperty("version").GetInt64().ShouldBe(1);

        var bad = BatchJson("bad", 10, 2);
        foreach (var row in (JsonArray)bad["rows"]!)
        {
            row!["features"]![0] = "n/a";
        }

        using var rejected = await client.PostAsJsonAsync("/batches", bad, ct);
        rejected.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await JsonAsync(rejected)).GetProperty("rejection_reason").GetString()!.ShouldContain("batch rejected");

        using var notJson = await client.PostAsync("/batches", new StringContent("{\"batchId\": 1"), ct);
        notJson.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var versions = await client.GetFromJsonAsync<JsonElement>("/table/versions", ct);
        versions.GetArrayLength().ShouldBe(2);
        var metrics = await client.GetStringAsync("/metrics", ct);
        metrics.ShouldContain("chaos_pipeline_rows_total{outcome=\"in\"} 110");
        metrics.ShouldContain("chaos_pipeline_rows_total{outcome=\"rejected\"} 10");
        metrics.ShouldContain("chaos_pipeline_table_version 1");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TableRows_EitherStore_ListsTheIdsAReaderSeesByBatch(bool transactional)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var pipeline = await StartPipelineAsync(Options() with { Retraining = false, DriftMonitor = false, TransactionalStore = transactional });
        using var client = Nodes.ClientFor(pipeline);
        (await client.PostAsJsonAsync("/batches", BatchJson("one", 20, 1), ct)).EnsureSuccessStatusCode().Dispose();
        var two = BatchJson("two", 10, 2);
        ((JsonArray)two["rows"]!)[0]!["features"]![1] = 42;
        (await client.PostAsJsonAsync("/batches", two, ct)).EnsureSuccessStatusCode().Dispose();

        var rows = await client.GetFromJsonAsync<JsonElement>("/table/rows", ct);
        rows.GetProperty("rows").GetInt32().ShouldBe(29);
        rows.GetProperty("version").GetInt64().ShouldBe(transactional ? 2 : 0);
        var batches = rows.GetProperty("batches");
        batches.GetProperty("one").EnumerateArray().Select(e => e.GetString()).ShouldBe(Enumerable.Range(0, 20).Select(i => $"one-{i}"), ignoreOrder: true);
        // The quarantined row is not in the table.
        batches.GetProperty("two").EnumerateArray().Select(e => e.GetString()).ShouldBe(Enumerable.Range(1, 9).Select(i => $"two-{i}"), ignoreOrder: true);
    }

    [Fact]
    public async Task RetrainingRun_WithCrashAfterStage_CrashesRightAfterThatStagesCheckpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        var crashes = new List<string>();
        await using var pipeline = await StartPipelineAsync(Options() with { DriftMonitor = false, CheckInterval = TimeSpan.FromHours(1) }, message =>
        {
            crashes.Add(message);
            // In-process the "crash" ends the run where the real hook ends the process.
            throw new OperationCanceledException(message);
        });
        using var client = Nodes.ClientFor(pipeline);
        (await client.PostAsJsonAsync("/batches", BatchJson("data", 400, 1), ct)).EnsureSuccessStatusCode().Dispose();

        (await Run(client, "{\"crashAfterStage\": 8}", ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a run has 8 stages: crashing after the last is no crash mid-run");
        (await Run(client, "[3]", ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        crashes.ShouldBeEmpty();

        using var crashed = await Run(client, "{\"crashAfterStage\": 3}", ct);
        crashes.ShouldBe(["training.kill: killing the process after stage 3"]);
        crashed.IsSuccessStatusCode.ShouldBeFalse();
        var status = await client.GetFromJsonAsync<JsonElement>("/retraining", ct);
        status.GetProperty("runs").GetInt64().ShouldBe(0, "the crashed run never finished");
        (status.TryGetProperty("current", out var current) ? current.ValueKind : JsonValueKind.Null).ShouldBe(JsonValueKind.Null, "nothing trains any more");
    }

    private static async Task<HttpResponseMessage> Run(HttpClient client, string body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/retraining/run") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RegistryTestNodes.AdminToken);
        return await client.SendAsync(request, ct);
    }

    [Fact]
    public async Task TableRollback_WithAdminToken_RestoresAnEarlierVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var pipeline = await StartPipelineAsync(Options() with { Retraining = false, DriftMonitor = false });
        using var client = Nodes.ClientFor(pipeline);
        (await client.PostAsJsonAsync("/batches", BatchJson("one", 20, 1), ct)).Dispose();
        (await client.PostAsJsonAsync("/batches", BatchJson("two", 20, 2), ct)).Dispose();

        using var anonymous = await client.PostAsJsonAsync("/table/rollback", new { version = 1 }, ct);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/table/rollback") { Content = JsonContent.Create(new { version = 1 }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RegistryTestNodes.AdminToken);
        using var rolledBack = await client.SendAsync(request, ct);
        rolledBack.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(rolledBack)).GetProperty("version").GetInt64().ShouldBe(3);
        var latest = await client.GetFromJsonAsync<JsonElement>("/table/versions/3", ct);
        latest.GetProperty("files").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task DriftInLiveInputs_RaisesAnAlarmThatRetrainsAndPromotesThroughTheRegistry()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var pipeline = await StartPipelineAsync();
        using var client = Nodes.ClientFor(pipeline);
        using var registryReader = RegistryClient.For(registry.BaseAddress);

        (await client.PostAsJsonAsync("/batches", BatchJson("base", 3000, 1), ct)).Dispose();
        var first = await PollAsync(client, "/retraining", s => s.GetProperty("runs").GetInt64() >= 1, TimeSpan.FromSeconds(30));
        first.GetProperty("last_run").GetProperty("trigger").GetString().ShouldBe("freshness: no model trained yet");
        var firstChampion = await registryReader.ResolveAliasAsync("credit", StoredAliases.ChampionAlias, ct);

        // Live traffic shifts by one standard deviation; the labelled rows of the new regime arrive as a batch.
        var shifted = new CreditDrift(CovariateShift: 1);
        (await client.PostAsJsonAsync("/batches", BatchJson("shifted", 3000, 2, shifted), ct)).Dispose();
        var inputs = DriftingCreditTask.Generate(400, 3, shifted).Select(e => e.Features).ToArray();
        using var observed = await client.PostAsJsonAsync("/drift/observe", new { inputs }, ct);
        (await JsonAsync(observed)).GetProperty("alarm").GetBoolean().ShouldBeTrue();

        var second = await PollAsync(client, "/retraining", s => s.GetProperty("runs").GetInt64() >= 2, TimeSpan.FromSeconds(30));
        var run = second.GetProperty("last_run");
        run.GetProperty("trigger").GetString()!.ShouldStartWith("drift alarm");
        run.GetProperty("data_version").GetInt64().ShouldBe(2);
        var champion = await registryReader.ResolveAliasAsync("credit", StoredAliases.ChampionAlias, ct);
        if (run.GetProperty("promoted").GetBoolean())
        {
            champion.ShouldBe(run.GetProperty("registered_version").GetString());
        }
        else
        {
            champion.ShouldBe(firstChampion);
        }

        var drift = await client.GetFromJsonAsync<JsonElement>("/drift", ct);
        drift.GetProperty("reference_rows").GetInt64().ShouldBeGreaterThan(3000, "the monitor was rebased on the new training data");
    }

    public async ValueTask DisposeAsync()
    {
        await registry.DisposeAsync();
        folder.Dispose();
    }
}
