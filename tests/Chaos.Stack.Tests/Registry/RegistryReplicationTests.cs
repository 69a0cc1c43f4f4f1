using System.Net;
using System.Text.Json;
using Chaos.Stack.Hosting;
using Chaos.Stack.Ml;
using Chaos.Stack.Registry;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Registry;

/// <summary>
/// Geo-replication: a read replica (the standby region's registry) copies every version of the primary with its digest and
/// number, then its aliases; it is ready only after a first complete copy and refuses writes.
/// </summary>
public sealed class RegistryReplicationTests(TrainedModelsFixture models) : IAsyncLifetime
{
    private readonly TempDirectory primaryStore = new();
    private readonly TempDirectory replicaStore = new();
    private StackServer primary = null!;
    private StackServer replica = null!;
    private HttpClient primaryClient = null!;
    private HttpClient replicaClient = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        primary = await RegistryTestNodes.StartAsync(primaryStore.Path, models.ModelDirectory);
        var options = new RegistryOptions(replicaStore.Path, ListenAddress.LoopbackAnyPort, SeedFrom: null, RegistryTestNodes.AdminToken)
        {
            ReplicateFrom = primary.BaseAddress,
            ReplicateInterval = TimeSpan.FromMilliseconds(100),
        };
        replica = await RegistryNode.CreateAsync(options, TimeProvider.System, Token);
        await replica.StartAsync(Token);
        primaryClient = Nodes.ClientFor(primary);
        replicaClient = Nodes.ClientFor(replica);
    }

    public async ValueTask DisposeAsync()
    {
        primaryClient.Dispose();
        replicaClient.Dispose();
        await replica.DisposeAsync();
        await primary.DisposeAsync();
        primaryStore.Dispose();
        replicaStore.Dispose();
    }

    [Fact]
    public async Task Replica_AfterFirstCopy_IsReadyAndHoldsThePrimarysVersionsDigestsAndChampion()
    {
        await UntilAsync(async () => (await replicaClient.GetAsync("/v2/health/ready", Token)).StatusCode == HttpStatusCode.OK);

        (await VersionsAsync(replicaClient, ModelKind.Credit)).ShouldBe(await VersionsAsync(primaryClient, ModelKind.Credit));
        (await ChampionAsync(replicaClient, ModelKind.Credit)).ShouldBe("1");
        var bytes = await replicaClient.GetByteArrayAsync("/models/credit/versions/1/artifact", Token);
        bytes.ShouldBe(await File.ReadAllBytesAsync(Path.Combine(models.ModelDirectory, models.Entry(ModelKind.Credit).File), Token));
    }

    [Fact]
    public async Task Replica_PrimaryRegistersAndPromotes_CopiesTheNewVersionThenTheAlias()
    {
        var artifact = await File.ReadAllBytesAsync(Path.Combine(models.ModelDirectory, models.Entry(ModelKind.Credit).File), Token);
        var version = await RegistryTestNodes.RegisterAsync(primaryClient, ModelKind.Credit, RegistryTestNodes.FlipWeight(artifact), models.Entry(ModelKind.Credit));
        using (var promote = RegistryTestNodes.Request(HttpMethod.Put, "/models/credit/aliases/champion", RegistryTestNodes.VersionBody(version)))
        {
            (await primaryClient.SendAsync(promote, Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await UntilAsync(async () => await ChampionAsync(replicaClient, ModelKind.Credit) == version);

        (await VersionsAsync(replicaClient, ModelKind.Credit)).ShouldBe(await VersionsAsync(primaryClient, ModelKind.Credit));
        var metrics = await replicaClient.GetStringAsync("/metrics", Token);
        metrics.ShouldContain("chaos_registry_replicated_versions_total");
        metrics.ShouldNotContain("chaos_registry_replication_lag_seconds -1");
    }

    [Fact]
    public async Task Replica_Write_Refused409NamingThePrimary()
    {
        var artifact = await File.ReadAllBytesAsync(Path.Combine(models.ModelDirectory, models.Entry(ModelKind.Credit).File), Token);
        using var request = RegistryTestNodes.Request(HttpMethod.Post, "/models/credit/versions", RegistryTestNodes.Registration(artifact, models.Entry(ModelKind.Credit)));

        using var response = await replicaClient.SendAsync(request, Token);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync(Token)).ShouldContain("read replica of");
    }

    [Fact]
    public async Task Replica_WriteWithoutToken_Refused401BeforeAnythingElse()
    {
        var artifact = await File.ReadAllBytesAsync(Path.Combine(models.ModelDirectory, models.Entry(ModelKind.Credit).File), Token);
        using var request = RegistryTestNodes.Request(HttpMethod.Post, "/models/credit/versions", RegistryTestNodes.Registration(artifact, models.Entry(ModelKind.Credit)), token: null);

        using var response = await replicaClient.SendAsync(request, Token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync(Token)).ShouldNotContain("read replica of");
    }

    [Fact]
    public async Task Replica_PrimaryHoldsACorruptVersion_SkipsItAndCopiesTheVersionsAfter()
    {
        var artifact = await File.ReadAllBytesAsync(Path.Combine(models.ModelDirectory, models.Entry(ModelKind.Credit).File), Token);
        var corrupt = await RegistryTestNodes.RegisterAsync(primaryClient, ModelKind.Credit, RegistryTestNodes.FlipWeight(artifact), models.Entry(ModelKind.Credit));
        // A bit flipped in the primary's copy on disk, as model.corrupt-artifact does: its bytes no longer match its digest.
        var file = Path.Combine(primaryStore.Path, ModelKind.Credit, "versions", corrupt, ModelStore.ArtifactFileName);
        var bytes = await File.ReadAllBytesAsync(file, Token);
        bytes[bytes.Length / 2] ^= 0x10;
        await File.WriteAllBytesAsync(file, bytes, Token);
        var after = await RegistryTestNodes.RegisterAsync(primaryClient, ModelKind.Credit, artifact, models.Entry(ModelKind.Credit));
        using var store = new TempDirectory();
        var options = new RegistryOptions(store.Path, ListenAddress.LoopbackAnyPort, SeedFrom: null, RegistryTestNodes.AdminToken)
        {
            ReplicateFrom = primary.BaseAddress,
            ReplicateInterval = TimeSpan.FromMilliseconds(100),
        };
        await using var late = await RegistryNode.CreateAsync(options, TimeProvider.System, Token);
        await late.StartAsync(Token);
        using var lateClient = Nodes.ClientFor(late);

        await UntilAsync(async () => (await VersionsAsync(lateClient, ModelKind.Credit)).Any(v => v.Item1 == after));

        (await VersionsAsync(lateClient, ModelKind.Credit)).Select(v => v.Item1).ShouldBe(["1", after]);
        var failures = (await lateClient.GetStringAsync("/metrics", Token)).Split('\n')
            .Single(l => l.StartsWith("chaos_registry_replication_failures_total ", StringComparison.Ordinal));
        double.Parse(failures.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
    }

    private static async Task<List<(string, string)>> VersionsAsync(HttpClient client, string model)
    {
        using var body = JsonDocument.Parse(await client.GetStringAsync($"/models/{model}/versions", Token));
        return body.RootElement.GetProperty("versions").EnumerateArray()
            .Select(v => (v.GetProperty("version").GetString()!, v.GetProperty("sha256").GetString()!)).ToList();
    }

    private static async Task<string?> ChampionAsync(HttpClient client, string model)
    {
        using var response = await client.GetAsync($"/models/{model}/aliases/champion", Token);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        return body.RootElement.GetProperty("version").GetString();
    }

    // Replication is asynchronous: poll for the state (bounded at 10 s), never sleep a fixed time.
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the replica did not catch up within 10 s");
            await Task.Delay(50, Token);
        }
    }
}
