using Chaos.Stack.Pipeline.Table;
using Chaos.Stack.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Stack.Tests.Pipeline;

public sealed class VersionedTableTests : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly FakeTimeProvider time = new(PipelineRows.Now);

    private Task<VersionedTable> OpenAsync() => VersionedTable.OpenAsync(folder.Path, time, TestContext.Current.CancellationToken);

    [Fact]
    public async Task OpenAsync_NewTable_HasAnEmptyVersionZero()
    {
        var table = await OpenAsync();
        table.LatestVersion().ShouldBe(0);
        (await table.ReadAsync(null, TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadAsync_OlderVersion_TravelsBackInTime()
    {
        var ct = TestContext.Current.CancellationToken;
        var table = await OpenAsync();
        await table.AppendAsync(PipelineRows.TableRows("a", 10, 1), "a", ct);
        await table.AppendAsync(PipelineRows.TableRows("b", 20, 2), "b", ct);
        (await table.ReadAsync(1, ct)).Select(r => r.Id).ShouldBe(PipelineRows.TableRows("a", 10, 1).Select(r => r.Id));
        (await table.ReadAsync(2, ct)).Count.ShouldBe(30);
        (await table.ReadAsync(0, ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadAsync_Parquet_RoundTripsEveryColumn()
    {
        var ct = TestContext.Current.CancellationToken;
        var table = await OpenAsync();
        var rows = PipelineRows.TableRows("r", 50, 3);
        rows[0] = rows[0] with { Label = null };
        await table.AppendAsync(rows, "r", ct);
        var read = await table.ReadAsync(null, ct);
        read.Select(r => r.Features).ShouldBe(rows.Select(r => r.Features));
        read.Select(r => r.Label).ShouldBe(rows.Select(r => r.Label));
        read.Select(r => r.EventTime).ShouldBe(rows.Select(r => r.EventTime));
    }

    [Fact]
    public async Task RestoreAsync_EarlierVersion_CommitsANewVersionWithItsContent()
    {
        var ct = TestContext.Current.CancellationToken;
        var table = await OpenAsync();
        await table.AppendAsync(PipelineRows.TableRows("good", 10, 1), "good", ct);
        await table.AppendAsync(PipelineRows.TableRows("corrupt", 15, 2), "corrupt", ct);
        var restore = await table.RestoreAsync(1, ct);
        restore.Version.ShouldBe(3);
        restore.Operation.ShouldBe(CommitEntry.RestoreOperation);
        (await table.ReadAsync(null, ct)).Select(r => r.Id).ShouldBe((await table.ReadAsync(1, ct)).Select(r => r.Id));
        // History is kept: the corrupt version is still there to inspect.
        (await table.ReadAsync(2, ct)).Count.ShouldBe(25);
    }

    [Fact]
    public async Task AppendIfLatestAsync_AnotherWriterCommittedFirst_IsDetected()
    {
        var ct = TestContext.Current.CancellationToken;
        var writerA = await OpenAsync();
        var writerB = await OpenAsync();
        var readByA = writerA.LatestVersion();
        await writerB.AppendIfLatestAsync(PipelineRows.TableRows("b", 5, 1), writerB.LatestVersion(), "b", ct);
        var conflict = await Should.ThrowAsync<ConcurrentCommitException>(() => writerA.AppendIfLatestAsync(PipelineRows.TableRows("a", 5, 2), readByA, "a", ct));
        conflict.Version.ShouldBe(1);
        (await writerA.ReadAsync(null, ct)).Select(r => r.BatchId).Distinct().ShouldBe(["b"]);
    }

    [Fact]
    public async Task AppendIfLatestAsync_TwoThreadsRacingForTheSameVersion_ExactlyOneWinsEveryRound()
    {
        var ct = TestContext.Current.CancellationToken;
        const int Rounds = 60;
        var writers = new[] { await OpenAsync(), await OpenAsync() };
        using var start = new Barrier(2);
        var wins = new int[2];
        var losses = new int[2];
        var failures = new string?[2];
        var threads = Enumerable.Range(0, 2).Select(w => Task.Factory.StartNew(
            () =>
            {
                for (var round = 0; round < Rounds; round++)
                {
                    // Both read version `round` before either publishes: they race for version round + 1. A bounded wait, so a
                    // thread that failed cannot leave the other stuck.
                    if (!start.SignalAndWait(TimeSpan.FromSeconds(30), ct))
                    {
                        return;
                    }

                    try
                    {
                        writers[w].AppendIfLatestAsync(PipelineRows.TableRows($"r{round}w{w}", 3, round), round, $"r{round}w{w}", ct).GetAwaiter().GetResult();
                        wins[w]++;
                    }
                    catch (ConcurrentCommitException)
                    {
                        losses[w]++;
                    }
                    catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                    {
                        failures[w] ??= $"round {round}: {exception.Message}";
                    }

                    if (!start.SignalAndWait(TimeSpan.FromSeconds(30), ct))
                    {
                        return;
                    }
                }
            },
            ct,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        await Task.WhenAll(threads);

        failures.ShouldAllBe(f => f == null);
        (wins[0] + wins[1]).ShouldBe(Rounds);
        (losses[0] + losses[1]).ShouldBe(Rounds);
        var table = await OpenAsync();
        table.LatestVersion().ShouldBe(Rounds);
        (await table.ReadAsync(null, ct)).Count.ShouldBe(Rounds * 3);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentWritersOnThreads_EveryCommitLandsOnceAndReadersSeeWholeVersions()
    {
        var ct = TestContext.Current.CancellationToken;
        const int Writers = 6;
        const int BatchesEach = 15;
        const int RowsPerBatch = 7;
        var tables = new VersionedTable[Writers];
        for (var w = 0; w < Writers; w++)
        {
            tables[w] = await OpenAsync();
        }

        using var start = new Barrier(Writers + 1);
        var partialReads = 0;
        var writing = 0;
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(ct);
                for (var b = 0; b < BatchesEach; b++)
                {
                    var id = $"w{w}b{b}";
                    tables[w].AppendAsync(PipelineRows.TableRows(id, RowsPerBatch, (w * 100) + b), id, ct).GetAwaiter().GetResult();
                }

                Interlocked.Increment(ref writing);
            },
            ct,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        var reader = Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(ct);
                var table = OpenAsync().GetAwaiter().GetResult();
                while (Volatile.Read(ref writing) < Writers)
                {
                    var rows = table.ReadAsync(null, ct).GetAwaiter().GetResult();
                    if (rows.Count % RowsPerBatch != 0 || rows.GroupBy(r => r.BatchId).Any(g => g.Count() != RowsPerBatch))
                    {
                        Interlocked.Increment(ref partialReads);
                    }
                }
            },
            ct,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        await Task.WhenAll(writers.Append(reader));

        var final = await OpenAsync();
        final.LatestVersion().ShouldBe(Writers * BatchesEach);
        var all = await final.ReadAsync(null, ct);
        all.Count.ShouldBe(Writers * BatchesEach * RowsPerBatch);
        all.Select(r => r.Id).Distinct().Count().ShouldBe(all.Count);
        partialReads.ShouldBe(0);
    }

    [Fact]
    public async Task AppendAsync_WriterKilledAtRandomPointsIn120Commits_ReadersSeeOnlyCommittedVersionsAndNoAcknowledgedRowIsLost()
    {
        var ct = TestContext.Current.CancellationToken;
        var random = new Random(2024);
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
        var stages = Enum.GetValues<CommitStage>();
        for (var trial = 0; trial < 120; trial++)
        {
            // A fresh instance per trial is a restarted process: it knows only what is on disk.
            var writer = await OpenAsync();
            var before = writer.LatestVersion();
            var id = $"t{trial}";
            var rows = PipelineRows.TableRows(id, 1 + random.Next(20), trial);
            var crash = random.NextDouble() < 0.75 ? new CrashPlan(stages[random.Next(stages.Length)], random.NextDouble()) : null;
            writer.CrashNextCommit = crash;
            try
            {
                await writer.AppendAsync(rows, id, ct);
                acknowledged.UnionWith(rows.Select(r => r.Id));
                crash.ShouldBeNull();
            }
            catch (SimulatedCrashException)
            {
                crash.ShouldNotBeNull();
            }

            var reader = await OpenAsync();
            reader.LatestVersion().ShouldBe(crash is null ? before + 1 : before);
            var visible = (await reader.ReadAsync(null, ct)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            visible.SetEquals(acknowledged).ShouldBeTrue($"trial {trial}: visible rows differ from acknowledged ones after {crash}");
        }

        Directory.GetFiles(Path.Combine(folder.Path, "data")).Length.ShouldBeGreaterThan((int)(await OpenAsync()).LatestVersion());
    }

    public void Dispose() => folder.Dispose();
}
