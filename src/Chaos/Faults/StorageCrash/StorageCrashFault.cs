using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chaos.Load;
using Chaos.Stack.Ml;
using Chaos.Targets;

namespace Chaos.Faults.StorageCrash;

/// <summary>
/// <c>storage.crash</c>: the pipeline's writer killed mid-commit, <c>kills</c> times. The fault writes its own batches of
/// labelled rows to the pipeline back to back while a reader lists what the table shows; at a seeded random moment 200-1000 ms
/// into the writes (or, if that falls between two writes, as the next one starts) the pipeline container gets SIGKILL, and
/// is started again (as a supervisor would) on the same disk. It records in the run's <see cref="WriteLedger"/> the rows the store acknowledged, every read that returned part of a batch,
/// and the ids readable at the end: the <c>dataLoss</c> SLO. A transactional store shows a batch whole or not at all and keeps
/// what it acknowledged; a plain file shows half-written batches, to readers during a write and for good after a kill.
/// Verified when every kill stopped the container with a write in flight and it answered ready again; nothing to revert
/// (the container is already back), except starting it should that have failed.
/// </summary>
public sealed class StorageCrashFault : IFault
{
    public const string Name = "storage.crash";
    public const int DefaultKills = 3;
    private const int RowsPerBatch = 500;
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WriteStartWithin = TimeSpan.FromSeconds(2);

    public string Kind => Name;

    public string Description =>
        "Kills the pipeline's writer (SIGKILL to the pipeline container) 200-1000 ms into a stream of batch writes, kills times, starting it again each time; a reader lists the table meanwhile and after: acknowledged rows not readable and reads of partial batches count as data loss; verified by each kill cutting a write and the pipeline answering ready again. Options: kills (default 3). Target: { role: pipeline }.";

    public async Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var client = context.Client ?? throw new FaultTargetException($"{Name} needs an HTTP client");
        var ledger = context.Writes ?? throw new FaultTargetException($"{Name} needs the run's write ledger");
        var pipeline = context.ResolveTargetsOf("pipeline", Name, "kills the pipeline's writer")[0];
        var kills = context.Spec?.Kills ?? DefaultKills;
        var state = new WriterState($"{context.Spec?.Line ?? 0}-{context.Random.Next():x8}");
        var cut = 0;
        var back = 0;
        var url = pipeline.HostUrl;
        for (var kill = 0; kill < kills && !cancellationToken.IsCancellationRequested; kill++)
        {
            using var writing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var writer = WriteAsync(client, url, state, ledger, context.Random.Next(), context.Time, writing.Token);
            var reader = ReadAsync(client, url, state, ledger, final: false, writing.Token);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(context.Random.Next(200, 1000)), context.Time, cancellationToken);
                // Between two writes (the next batch being built) there is no write to cut: then the kill waits for the next
                // write to start. Without this, one kill in four once landed in that gap and the run was not verified.
                var nextWrite = state.NextWriteStarted;
                if (!state.InFlight)
                {
                    try
                    {
                        await nextWrite.WaitAsync(WriteStartWithin, context.Time, cancellationToken);
                    }
                    catch (TimeoutException)
                    {
                        // The writer stopped (the pipeline unreachable): this kill cuts nothing, and the result says so.
                    }
                }
                var inFlight = state.InFlight;
                await context.Engine.KillAsync(pipeline.Id, cancellationToken);
                cut += inFlight ? 1 : 0;
                await context.ObserveTargetsAsync([pipeline], s => s is null || !s.Running, StopWithin, cancellationToken);
            }
            finally
            {
                await writing.CancelAsync();
                await Task.WhenAll(writer, reader);
            }
            await context.Engine.StartAsync(pipeline.Id, cancellationToken);
            if (await ContainerReady.AddressWhenReadyAsync(context, client, pipeline, ReadyWithin, cancellationToken) is { } address)
            {
                url = address;
                back++;
            }
            else
            {
                break;
            }
        }

        var read = false;
        if (back == kills)
        {
            read = await ReadAsync(client, url, state, ledger, final: true, cancellationToken);
        }
        var verified = back == kills && cut == kills;
        return new FaultInjection(Name, [pipeline.Alias], verified,
            $"{kills} kills of {pipeline.Alias}: {cut} cut a write in flight, {back} came back ready; {state.Sent} batches of {RowsPerBatch} rows sent, " +
            $"{state.Acknowledged} acknowledged; {state.Reads} reads of the table, {ledger.PartialReads} saw a partial batch",
            async revertCancellation =>
            {
                // Cut short (the end of the load, a guardrail, Ctrl-C): bring the pipeline back and read what survived.
                if (await ContainerReady.StartAndWaitAsync(context, client, pipeline, ReadyWithin, revertCancellation) is not { } address)
                {
                    return false;
                }
                if (!read)
                {
                    read = await ReadAsync(client, address, state, ledger, final: true, revertCancellation);
                }
                return true;
            });
    }

    // Back to back until cancelled (the kill): each batch's ids are known before it is sent, so a read can tell part of it.
    private static async Task WriteAsync(HttpClient client, Uri url, WriterState state, WriteLedger ledger, int seed, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 10_000 && !cancellationToken.IsCancellationRequested; i++)
        {
            var batchId = $"crash-{state.Tag}-{state.NextBatch()}";
            var rows = CreditTask.Generate(RowsPerBatch, seed + i).Select((e, n) => ($"{batchId}-{n}", e)).ToList();
            state.Expect(batchId, RowsPerBatch);
            state.BeginWrite();
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(RequestTimeout);
                using var answer = await client.PostAsJsonAsync(new Uri(url, "/batches"), PipelineBatch.Build(batchId, rows, time.GetUtcNow()), timeout.Token);
                if (answer.IsSuccessStatusCode && JsonNode.Parse(await answer.Content.ReadAsStringAsync(timeout.Token)) is JsonObject result)
                {
                    var accepted = (int?)result["rows_accepted"] ?? 0;
                    // Every row is valid; should validation still keep some out, which ones is unknown: expect the count, claim no ids.
                    state.Expect(batchId, accepted);
                    if (accepted == RowsPerBatch)
                    {
                        ledger.Acknowledge(rows.Select(r => r.Item1));
                        state.Acknowledge();
                    }
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or JsonException)
            {
                return;
            }
            finally
            {
                state.EndWrite();
            }
        }
    }

    // A reader beside the writer: any batch of ours that shows some rows but not all is a partial read.
    private static async Task<bool> ReadAsync(HttpClient client, Uri url, WriterState state, WriteLedger ledger, bool final, CancellationToken cancellationToken)
    {
        for (var i = 0; i < (final ? 1 : 10_000) && !cancellationToken.IsCancellationRequested; i++)
        {
            JsonObject? rows;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(RequestTimeout);
                rows = JsonNode.Parse(await client.GetStringAsync(new Uri(url, "/table/rows"), timeout.Token)) as JsonObject;
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or JsonException)
            {
                return false;
            }
            if (rows?["batches"] is not JsonObject batches)
            {
                continue;
            }
            state.Read();
            if (batches.Any(b => state.IsPartial(b.Key, (b.Value as JsonArray)?.Count ?? 0)))
            {
                ledger.PartialRead();
            }
            if (final)
            {
                ledger.ReadableAfter(batches.SelectMany(b => (b.Value as JsonArray ?? []).Select(id => id?.ToString() ?? "")).ToList());
                return true;
            }
        }
        return false;
    }

    private sealed class WriterState(string tag)
    {
        private readonly Dictionary<string, int> _expected = new(StringComparer.Ordinal);
        private int _batches;
        private int _acknowledged;
        private int _reads;
        private volatile bool _inFlight;

        public string Tag => tag;
        private TaskCompletionSource _writeStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool InFlight => _inFlight;

        /// <summary>Completes when the next write starts (read it before checking <see cref="InFlight"/>, so no start is missed).</summary>
        public Task NextWriteStarted => Volatile.Read(ref _writeStarted).Task;

        public void BeginWrite()
        {
            _inFlight = true;
            Interlocked.Exchange(ref _writeStarted, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        public void EndWrite() => _inFlight = false;
        public int Sent => Volatile.Read(ref _batches);
        public int Acknowledged => Volatile.Read(ref _acknowledged);
        public int Reads => Volatile.Read(ref _reads);

        public int NextBatch() => Interlocked.Increment(ref _batches);
        public void Acknowledge() => Interlocked.Increment(ref _acknowledged);
        public void Read() => Interlocked.Increment(ref _reads);

        public void Expect(string batchId, int rows)
        {
            lock (_expected)
            {
                _expected[batchId] = rows;
            }
        }

        public bool IsPartial(string batchId, int visible)
        {
            lock (_expected)
            {
                return _expected.TryGetValue(batchId, out var rows) && visible > 0 && visible != rows;
            }
        }
    }
}
