using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Chaos.Stack.Ml;
using Chaos.Stack.Pipeline.Table;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Pipeline;

/// <summary>
/// Crash safety with a real process: the pipeline role ingests batches over HTTP and is killed (SIGKILL) at a random moment,
/// then started again on the same folder. Every version must read whole and no acknowledged (HTTP 200) row may be lost.
/// Trials: CHAOS_PIPELINE_KILL_TRIALS (default 3 to keep the suite fast; the README records a run of 100).
/// </summary>
public sealed class PipelineProcessKillTests
{
    private const int RowsPerBatch = 12;

    private static int Trials => int.TryParse(Environment.GetEnvironmentVariable("CHAOS_PIPELINE_KILL_TRIALS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3;

    [Fact]
    public async Task PipelineKilledDuringIngest_EveryVersionReadsWholeAndNoAcknowledgedRowIsLost()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempDirectory();
        var random = new Random(99);
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
        var killedMidRequest = 0;
        var batchNumber = 0;
        var checkedUpTo = 0L;
        for (var trial = 0; trial < Trials; trial++)
        {
            using var process = Start(folder.Path);
            try
            {
                var address = await ListeningAddressAsync(process, ct);
                using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
                // One batch first, so the kill lands among warm commits rather than in the process's start-up.
                var firstId = $"k{batchNumber++}";
                using (var first = await client.PostAsJsonAsync("/batches", Batch(firstId, batchNumber), ct))
                {
                    first.EnsureSuccessStatusCode();
                    acknowledged.UnionWith(Enumerable.Range(0, RowsPerBatch).Select(i => $"{firstId}-{i}"));
                }

                var killAfter = TimeSpan.FromMilliseconds(random.Next(10, 400));
                var watch = Stopwatch.StartNew();
                var killer = Task.Run(async () =>
                {
                    // The fault itself: SIGKILL at a random moment of the ingest loop, not a wait for anything.
                    await Task.Delay(killAfter, ct);
                    process.Kill(entireProcessTree: true);
                }, ct);
                while (!killer.IsCompleted && watch.Elapsed < TimeSpan.FromSeconds(5))
                {
                    var batchId = $"k{batchNumber++}";
                    try
                    {
                        using var response = await client.PostAsJsonAsync("/batches", Batch(batchId, batchNumber), ct);
                        if (response.IsSuccessStatusCode)
                        {
                            acknowledged.UnionWith(Enumerable.Range(0, RowsPerBatch).Select(i => $"{batchId}-{i}"));
                        }
                    }
                    catch (HttpRequestException)
                    {
                        killedMidRequest++;
                    }
                }

                await killer;
                await process.WaitForExitAsync(ct);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            // Every version appends one whole batch, so version v must read as exactly v whole batches. The first and the
            // last version this trial produced are read (time travel), the rest share their files.
            var table = await VersionedTable.OpenAsync(Path.Combine(folder.Path, "table"), TimeProvider.System, ct);
            var latestVersion = table.LatestVersion();
            foreach (var version in new[] { checkedUpTo + 1, latestVersion }.Where(v => v > checkedUpTo).Distinct())
            {
                var rows = await table.ReadAsync(version, ct);
                rows.Count.ShouldBe(RowsPerBatch * (int)version, $"trial {trial}: version {version} is not {version} whole batches");
                rows.GroupBy(r => r.BatchId).ShouldAllBe(g => g.Count() == RowsPerBatch, $"trial {trial}: version {version} holds a partial batch");
            }

            checkedUpTo = latestVersion;
            var latest = (await table.ReadAsync(null, ct)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            acknowledged.IsSubsetOf(latest).ShouldBeTrue($"trial {trial}: an acknowledged row is missing");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{Trials} kills, {batchNumber} batches sent, {acknowledged.Count / RowsPerBatch} acknowledged, {killedMidRequest} requests cut by the kill");
        acknowledged.ShouldNotBeEmpty();
    }

    private static JsonObject Batch(string batchId, int seed)
    {
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var rows = new JsonArray();
        var i = 0;
        foreach (var example in CreditTask.Generate(RowsPerBatch, seed))
        {
            rows.Add(new JsonObject
            {
                ["id"] = $"{batchId}-{i++}",
                ["eventTime"] = now,
                ["features"] = new JsonArray(example.Features.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
                ["label"] = example.Label,
            });
        }

        return new JsonObject { ["batchId"] = batchId, ["rows"] = rows };
    }

    private static Process Start(string data)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "chaos-stack.dll"), "pipeline", "--data", data, "--port", "0", "--retraining", "false", "--drift-monitor", "false" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["CHAOS_DISABLE_CUDA"] = "1";
        return Process.Start(info)!;
    }

    private static async Task<Uri> ListeningAddressAsync(Process process, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var at = line.IndexOf("Now listening on: ", StringComparison.Ordinal);
            if (at >= 0)
            {
                var url = line[(at + "Now listening on: ".Length)..].Trim().Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
                // Keep draining the output so the child never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new Uri(url);
            }
        }

        throw new InvalidOperationException($"the pipeline exited before listening: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
    }
}
