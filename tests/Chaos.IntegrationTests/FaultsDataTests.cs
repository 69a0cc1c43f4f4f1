using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Chaos.Faults;
using Chaos.Load;
using Chaos.Scenarios;

namespace Chaos.IntegrationTests;

/// <summary>
/// The data faults (on the run's label feed into the pipeline) and model.corrupt-artifact (in the registry) on a real
/// stack: the bad rows reach the pipeline and its answers show them kept out, the tampered bytes are what the registry
/// serves and the replicas refuse them; after the revert good rows commit again and the registry serves the registered bytes.
/// </summary>
[Trait("Category", "Containers")]
[Collection(FaultNodeStackCollection.Name)]
public sealed class FaultsDataTests(FaultNodeStackFixture fixture)
{
    private const int RowsPerPhase = 300;
    private static readonly TimeSpan BatchWithin = TimeSpan.FromSeconds(15);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("data.corrupt-batch")]
    [InlineData("data.schema-change")]
    [InlineData("data.stale")]
    public async Task DataFault_BadRowsReachThePipelineAndStayOut_ThenGoodRowsCommit(string kind)
    {
        var tampering = new FeedTampering(seed: 3);
        var batches = new ConcurrentQueue<IReadOnlyDictionary<string, object?>>();
        var pipeline = fixture.Member("pipeline");
        // Row ids are the feed's run id and a sequence: one feed per case keeps them apart in the shared pipeline.
        var feed = new PipelineFeed(fixture.Client, () => pipeline.HostUrl, $"{fixture.Stack.RunId}-{kind}", 3, new DriftSwitch(), TimeProvider.System, tampering);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var feeding = feed.RunAsync(60, (_, data) => batches.Enqueue(data), stop.Token);
        Enqueue(feed, 0);
        var spec = new FaultSpec { At = TimeSpan.Zero, Kind = kind, Target = new TargetSelector { Role = "pipeline" }, Rate = 0.2 };
        var context = fixture.FaultContext(spec, seed: 3) with { FeedTampering = tampering };

        var injection = await FaultCatalog.Create(kind).InjectAsync(context, Token);
        try
        {
            injection.Verified.ShouldBeTrue(injection.Observation);
            injection.Targets.ShouldBe(["pipeline"]);
        }
        finally
        {
            (await injection.RevertAsync(Token)).ShouldBeTrue();
        }
        var hit = batches.Where(b => Count(b, "bad") > 0).ToList();
        hit.ShouldNotBeEmpty();
        foreach (var batch in hit)
        {
            // The pipeline answered for every bad row by keeping it out: quarantined, or the whole batch rejected.
            (Count(batch, "quarantined") + Count(batch, "rejected")).ShouldBeGreaterThanOrEqualTo(Count(batch, "bad"), Describe(batch));
        }

        Enqueue(feed, RowsPerPhase);
        var clean = await WaitForAsync(batches, b => Count(b, "bad") == 0 && Count(b, "accepted") > 0);
        clean.ShouldNotBeNull("no batch of good rows was committed after the revert");
        Count(clean, "quarantined").ShouldBe(0, Describe(clean));
        Count(clean, "rejected").ShouldBe(0, Describe(clean));

        await stop.CancelAsync();
        await feeding;
        tampering.Delivered.ShouldBeGreaterThan(0);
        tampering.Admitted.ShouldBe(0, "the pipeline's table holds none of the bad rows it was fed");
    }

    [Fact]
    public async Task ModelCorruptArtifact_RegistryServesTamperedBytes_ReplicasRefuse_ThenTheRegisteredBytesAreBack()
    {
        // A node test of the same collection may have moved inference-1's published port.
        await fixture.Stack.RefreshMembersAsync(Token);
        var registry = fixture.Member("registry").HostUrl;
        var registered = JsonNode.Parse(await fixture.Client.GetStringAsync(new Uri(registry, "/models/credit/versions/1"), Token))!["sha256"]!.ToString();
        (await ServedDigestAsync()).ShouldBe(registered);
        var answerBefore = await PredictAsync("inference-1");
        var refusedBefore = await RefusedReloadsAsync("inference-1");
        var spec = new FaultSpec { At = TimeSpan.Zero, Kind = "model.corrupt-artifact", Target = new TargetSelector { Role = "registry" } };
        var context = fixture.FaultContext(spec, seed: 3);

        var injection = await FaultCatalog.Create(spec.Kind).InjectAsync(context, Token);
        try
        {
            injection.Verified.ShouldBeTrue(injection.Observation);
            (await ServedDigestAsync()).ShouldNotBe(registered, "the registry serves bytes that no longer match the registered digest");
            (await RefusedReloadsAsync("inference-1")).ShouldBeGreaterThan(refusedBefore);
            // The full stack checks the digest: the replica keeps serving version 1, answer for answer.
            (await PredictAsync("inference-1")).ShouldBe(answerBefore);
        }
        finally
        {
            (await injection.RevertAsync(Token)).ShouldBeTrue();
        }
        (await ServedDigestAsync()).ShouldBe(registered);
        (await PredictAsync("inference-1")).ShouldBe(answerBefore);
    }

    private static void Enqueue(PipelineFeed feed, int from)
    {
        for (var sequence = from; sequence < from + RowsPerPhase; sequence++)
        {
            feed.Sent(sequence);
        }
    }

    private static async Task<IReadOnlyDictionary<string, object?>?> WaitForAsync(ConcurrentQueue<IReadOnlyDictionary<string, object?>> batches, Func<IReadOnlyDictionary<string, object?>, bool> match)
    {
        var seen = batches.Count;
        using var within = CancellationTokenSource.CreateLinkedTokenSource(Token);
        within.CancelAfter(BatchWithin);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            while (await tick.WaitForNextTickAsync(within.Token))
            {
                if (batches.Skip(seen).FirstOrDefault(match) is { } found)
                {
                    return found;
                }
            }
        }
        catch (OperationCanceledException) when (!Token.IsCancellationRequested)
        {
        }
        return null;
    }

    private static long Count(IReadOnlyDictionary<string, object?> batch, string key) =>
        batch.TryGetValue(key, out var value) && value is not null ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static string Describe(IReadOnlyDictionary<string, object?> batch) => string.Join(", ", batch.Select(p => $"{p.Key}={p.Value}"));

    private async Task<string> ServedDigestAsync()
    {
        var bytes = await fixture.Client.GetByteArrayAsync(new Uri(fixture.Member("registry").HostUrl, "/models/credit/versions/1/artifact"), Token);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private async Task<string> PredictAsync(string replica)
    {
        using var answer = await RegistryCorruption.InferAsync(fixture.Client, fixture.Member(replica).HostUrl, age: 40, Token);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await answer.Content.ReadAsStringAsync(Token)).Replace("\"", "", StringComparison.Ordinal);
    }

    private async Task<double> RefusedReloadsAsync(string replica)
    {
        var metrics = await fixture.Client.GetStringAsync(new Uri(fixture.Member(replica).HostUrl, "/metrics"), Token);
        var prefix = $"chaos_inference_reloads_total{{result=\"refused\",replica=\"{replica}\"}} ";
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
