using System.Net;
using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Chaos.Stack.Ml;
using Chaos.Stack.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Stack.Tests.Registry;

public sealed class RegistryNodeTests(TrainedModelsFixture models) : IAsyncLifetime
{
    private static readonly DateTimeOffset RegisteredAt = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory store = new();
    private readonly FakeTimeProvider clock = new(RegisteredAt);
    private StackServer server = null!;
    private HttpClient client = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        server = await RegistryTestNodes.StartAsync(store.Path, models.ModelDirectory, timeProvider: clock);
        client = Nodes.ClientFor(server);
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
        store.Dispose();
    }

    [Fact]
    public async Task Models_SeededFromFolder_ListsEveryModelOfModelsJson()
    {
        using var body = await GetJsonAsync("/models");

        body.RootElement.GetProperty("models").EnumerateArray().Select(e => e.GetString()).ShouldBe([ModelKind.Credit, ModelKind.CreditSimple]);
    }

    [Fact]
    public async Task Versions_Seeded_CarryManifestDigestAndLineage()
    {
        using var body = await GetJsonAsync("/models/credit/versions");

        var version = body.RootElement.GetProperty("versions").EnumerateArray().ShouldHaveSingleItem();
        var entry = models.Entry(ModelKind.Credit);
        version.GetProperty("version").GetString().ShouldBe("1");
        version.GetProperty("sha256").GetString().ShouldBe(entry.Sha256);
        version.GetProperty("trainer").GetString().ShouldBe("fasttree");
        version.GetProperty("training_data_version").GetString().ShouldBe($"credit-task:seed={entry.Seed},train-rows={entry.Metrics.TrainRows},holdout-seed={entry.Metrics.HoldoutSeed}");
        version.GetProperty("code_version").GetString().ShouldNotBeNullOrEmpty();
        version.GetProperty("metrics").GetProperty("auc").GetDouble().ShouldBe(entry.Metrics.Auc);
        version.GetProperty("registered_at").GetDateTimeOffset().ShouldBe(RegisteredAt);
    }

    [Fact]
    public async Task Alias_ChampionAfterSeed_ResolvesToVersion1()
    {
        using var body = await GetJsonAsync("/models/credit/aliases/champion");

        body.RootElement.GetProperty("version").GetString().ShouldBe("1");
    }

    [Fact]
    public async Task Artifact_Get_DigestHeaderMatchesBytes()
    {
        using var response = await client.GetAsync("/models/credit/versions/1/artifact", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync(Token);
        response.Headers.GetValues(RegistryHeaders.Sha256).ShouldHaveSingleItem().ShouldBe(FileDigest.Sha256Hex(bytes));
        bytes.ShouldBe(await File.ReadAllBytesAsync(Path.Combine(models.ModelDirectory, "credit.onnx"), Token));
    }

    [Fact]
    public async Task Register_WithToken_AssignsNextVersionAndComputesDigest()
    {
        var artifact = await ModelBytesAsync(ModelKind.CreditSimple);
        clock.Advance(TimeSpan.FromMinutes(5));

        using var request = RegistryTestNodes.Request(HttpMethod.Post, "/models/credit/versions", RegistryTestNodes.Registration(artifact, models.Entry(ModelKind.CreditSimple)));
        using var response = await client.SendAsync(request, Token);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        body.RootElement.GetProperty("version").GetString().ShouldBe("2");
        body.RootElement.GetProperty("sha256").GetString().ShouldBe(FileDigest.Sha256Hex(artifact));
        body.RootElement.GetProperty("size_bytes").GetInt64().ShouldBe(artifact.Length);
        body.RootElement.GetProperty("registered_at").GetDateTimeOffset().ShouldBe(RegisteredAt.AddMinutes(5));
        using var champion = await GetJsonAsync("/models/credit/aliases/champion");
        champion.RootElement.GetProperty("version").GetString().ShouldBe("1");
    }

    [Fact]
    public async Task Register_NewModelName_CreatesModel()
    {
        await RegistryTestNodes.RegisterAsync(client, "credit-canary", await ModelBytesAsync(ModelKind.Credit), models.Entry(ModelKind.Credit));

        using var names = await GetJsonAsync("/models");
        names.RootElement.GetProperty("models").EnumerateArray().Select(e => e.GetString()).ShouldContain("credit-canary");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Register_WithoutValidToken_Returns401AndStoresNothing(string? token)
    {
        var artifact = await ModelBytesAsync(ModelKind.CreditSimple);

        using var request = RegistryTestNodes.Request(HttpMethod.Post, "/models/credit/versions", RegistryTestNodes.Registration(artifact, models.Entry(ModelKind.CreditSimple)), token);
        using var response = await client.SendAsync(request, Token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync(Token)).ShouldContain("\"error\"");
        using var versions = await GetJsonAsync("/models/credit/versions");
        versions.RootElement.GetProperty("versions").GetArrayLength().ShouldBe(1);
    }

    [Theory]
    [InlineData("PUT", "/models/credit/aliases/champion")]
    [InlineData("POST", "/models/credit/rollback")]
    public async Task AliasWrite_WithoutToken_Returns401(string method, string path)
    {
        using var request = RegistryTestNodes.Request(new HttpMethod(method), path, RegistryTestNodes.VersionBody("1"), token: null);
        using var response = await client.SendAsync(request, Token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Register_ClaimedDigestDiffers_Returns400()
    {
        var artifact = await ModelBytesAsync(ModelKind.CreditSimple);

        using var request = RegistryTestNodes.Request(HttpMethod.Post, "/models/credit/versions",
            RegistryTestNodes.Registration(artifact, models.Entry(ModelKind.CreditSimple), claimedSha256: new string('0', 64)));
        using var response = await client.SendAsync(request, Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Token)).ShouldContain("SHA-256");
    }

    [Fact]
    public async Task Promote_NewVersion_ChampionMovesAndPreviousIsOldChampion()
    {
        var version = await RegistryTestNodes.RegisterAsync(client, ModelKind.Credit, await ModelBytesAsync(ModelKind.CreditSimple), models.Entry(ModelKind.CreditSimple));

        using var request = RegistryTestNodes.Request(HttpMethod.Put, "/models/credit/aliases/champion", RegistryTestNodes.VersionBody(version));
        using var response = await client.SendAsync(request, Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var champion = await GetJsonAsync("/models/credit/aliases/champion");
        using var previous = await GetJsonAsync("/models/credit/aliases/previous");
        champion.RootElement.GetProperty("version").GetString().ShouldBe("2");
        previous.RootElement.GetProperty("version").GetString().ShouldBe("1");
    }

    [Fact]
    public async Task Promote_UnknownVersion_Returns404()
    {
        using var request = RegistryTestNodes.Request(HttpMethod.Put, "/models/credit/aliases/champion", RegistryTestNodes.VersionBody("9"));
        using var response = await client.SendAsync(request, Token);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        body.RootElement.GetProperty("error").GetString()!.ShouldContain("no version '9'");
    }

    [Fact]
    public async Task Rollback_AfterPromotion_ChampionReturnsToPrevious()
    {
        var version = await RegistryTestNodes.RegisterAsync(client, ModelKind.Credit, await ModelBytesAsync(ModelKind.CreditSimple), models.Entry(ModelKind.CreditSimple));
        using (var promote = RegistryTestNodes.Request(HttpMethod.Put, "/models/credit/aliases/champion", RegistryTestNodes.VersionBody(version)))
        {
            (await client.SendAsync(promote, Token)).EnsureSuccessStatusCode();
        }

        using var request = RegistryTestNodes.Request(HttpMethod.Post, "/models/credit/rollback", content: null);
        using var response = await client.SendAsync(request, Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var champion = await GetJsonAsync("/models/credit/aliases/champion");
        champion.RootElement.GetProperty("version").GetString().ShouldBe("1");
        using var previous = await client.GetAsync("/models/credit/aliases/previous", Token);
        previous.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rollback_NoPreviousChampion_Returns409()
    {
        using var request = RegistryTestNodes.Request(HttpMethod.Post, "/models/credit/rollback", content: null);
        using var response = await client.SendAsync(request, Token);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync(Token)).ShouldContain("no previous champion");
    }

    [Fact]
    public async Task Get_UnknownModel_Returns404WithErrorBody()
    {
        using var response = await client.GetAsync("/models/nope/versions", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        body.RootElement.GetProperty("error").GetString()!.ShouldContain("'nope' is not registered");
    }

    [Fact]
    public async Task Metrics_AfterPromotion_ReportVersionsAndChampionPerModel()
    {
        var version = await RegistryTestNodes.RegisterAsync(client, ModelKind.Credit, await ModelBytesAsync(ModelKind.CreditSimple), models.Entry(ModelKind.CreditSimple));
        using (var promote = RegistryTestNodes.Request(HttpMethod.Put, "/models/credit/aliases/champion", RegistryTestNodes.VersionBody(version)))
        {
            (await client.SendAsync(promote, Token)).EnsureSuccessStatusCode();
        }

        var metrics = await client.GetStringAsync("/metrics", Token);

        metrics.ShouldContain("chaos_registry_model_versions{model=\"credit\"} 2\n");
        metrics.ShouldContain("chaos_registry_model_versions{model=\"credit-simple\"} 1\n");
        metrics.ShouldContain("chaos_registry_champion_version{model=\"credit\"} 2\n");
    }

    [Fact]
    public async Task Health_LiveAndReady_Return200()
    {
        using var live = await client.GetAsync("/v2/health/live", Token);
        using var ready = await client.GetAsync("/v2/health/ready", Token);

        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Register_WhileReadersList_ReadersSeeOnlyCompleteVersions()
    {
        var artifact = await ModelBytesAsync(ModelKind.Credit);
        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await RegistryTestNodes.RegisterAsync(client, ModelKind.CreditSimple, artifact, models.Entry(ModelKind.Credit));
            }
        }, Token);

        var checks = 0;
        var done = false;
        while (!done)
        {
            // Read once more after the writer finished, so the final state is checked too.
            done = writing.IsCompleted;
            using var versions = await GetJsonAsync("/models/credit-simple/versions");
            foreach (var version in versions.RootElement.GetProperty("versions").EnumerateArray())
            {
                using var response = await client.GetAsync($"/models/credit-simple/versions/{version.GetProperty("version").GetString()}/artifact", Token);
                var bytes = await response.Content.ReadAsByteArrayAsync(Token);
                FileDigest.Sha256Hex(bytes).ShouldBe(version.GetProperty("sha256").GetString());
                version.GetProperty("size_bytes").GetInt64().ShouldBe(bytes.Length);
                checks++;
            }
        }

        await writing;
        checks.ShouldBeGreaterThanOrEqualTo(6);
        using var final = await GetJsonAsync("/models/credit-simple/versions");
        final.RootElement.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()).ShouldBe(["1", "2", "3", "4", "5", "6"]);
    }

    [Fact]
    public async Task Restart_LeftoversOfCrashedWrites_IgnoredAndRemoved()
    {
        await RegistryTestNodes.RegisterAsync(client, ModelKind.Credit, await ModelBytesAsync(ModelKind.CreditSimple), models.Entry(ModelKind.CreditSimple));
        await server.DisposeAsync();
        var modelFolder = Path.Combine(store.Path, ModelKind.Credit);
        // What a kill during a write leaves: a staged version, a half-written alias file, and a version folder without metadata.
        var staged = Directory.CreateDirectory(Path.Combine(modelFolder, ".tmp-version-crashed")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(staged, "artifact.onnx"), [1, 2, 3], Token);
        await File.WriteAllTextAsync(Path.Combine(modelFolder, ".tmp-aliases.json-crashed"), "{\"champ", Token);
        var partial = Directory.CreateDirectory(Path.Combine(modelFolder, "versions", "3")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(partial, "artifact.onnx"), [1, 2, 3], Token);

        server = await RegistryTestNodes.StartAsync(store.Path, models.ModelDirectory, timeProvider: clock);
        client.Dispose();
        client = Nodes.ClientFor(server);

        using var versions = await GetJsonAsync("/models/credit/versions");
        versions.RootElement.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()).ShouldBe(["1", "2"]);
        using var champion = await GetJsonAsync("/models/credit/aliases/champion");
        champion.RootElement.GetProperty("version").GetString().ShouldBe("1");
        Directory.Exists(staged).ShouldBeFalse();
        File.Exists(Path.Combine(modelFolder, ".tmp-aliases.json-crashed")).ShouldBeFalse();
        using var missing = await client.GetAsync("/models/credit/versions/3/artifact", Token);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The next version skips the leftover folder's number instead of colliding with it.
        (await RegistryTestNodes.RegisterAsync(client, ModelKind.Credit, await ModelBytesAsync(ModelKind.Credit), models.Entry(ModelKind.Credit))).ShouldBe("4");
    }

    [Fact]
    public async Task Writes_NoAdminTokenConfigured_Return404()
    {
        using var readOnlyStore = new TempDirectory();
        await using var readOnly = await RegistryTestNodes.StartAsync(readOnlyStore.Path, models.ModelDirectory, adminToken: null);
        using var readOnlyClient = Nodes.ClientFor(readOnly);

        using var request = RegistryTestNodes.Request(HttpMethod.Post, "/models/credit/rollback", content: null);
        using var response = await readOnlyClient.SendAsync(request, Token);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Token)).ShouldContain("--admin-token");
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await client.GetAsync(path, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text);
    }

    private Task<byte[]> ModelBytesAsync(string model) => File.ReadAllBytesAsync(Path.Combine(models.ModelDirectory, models.Entry(model).File), Token);
}
