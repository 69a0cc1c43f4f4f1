using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chaos.Stack.Ml;

namespace Chaos.Load;

/// <summary>
/// The data side of a run's traffic, sent to the stack's pipeline once a second: the inputs of the requests sent to the front
/// door (to <c>/drift/observe</c>, the inference log a drift monitor watches) and the same applicants with their ground-truth
/// labels as a batch (to <c>/batches</c>, the label feed training reads). Labels arrive with the inputs here; in production they
/// come later. Bounded: at most <see cref="MaxRowsPerSecond"/> rows a second, queue capped, ticks capped.
/// </summary>
public sealed class PipelineFeed
{
    /// <summary>Most rows sent in one tick; more wait for the next.</summary>
    public const int MaxRowsPerSecond = 2000;

    private const int MaxQueued = 20_000;
    private readonly HttpClient _client;
    private readonly Func<Uri> _pipeline;
    private readonly string _runId;
    private readonly int _seed;
    private readonly DriftSwitch _drift;
    private readonly FeedTampering? _tampering;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<long> _queue = new();
    private long _queued;
    private long _skipped;
    private long _batches;

    /// <summary>A feed to the pipeline at <paramref name="pipeline"/>'s address now (its published port changes when it is restarted).</summary>
    public PipelineFeed(HttpClient client, Func<Uri> pipeline, string runId, int seed, DriftSwitch drift, TimeProvider time, FeedTampering? tampering = null)
    {
        _tampering = tampering;
        _client = client;
        _pipeline = pipeline;
        _runId = runId;
        _seed = seed;
        _drift = drift;
        _time = time;
    }

    /// <summary>Requests not mirrored because the queue was full (the pipeline fell behind).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Called by the load for every good request it creates.</summary>
    public void Sent(long sequence)
    {
        if (Interlocked.Increment(ref _queued) > MaxQueued)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _skipped);
            return;
        }
        _queue.Enqueue(sequence);
    }

    /// <summary>
    /// Sends once a second until cancelled or <paramref name="maxTicks"/> ticks, then once more for what is queued.
    /// <paramref name="report"/> gets one line and its data per batch (journal event <c>pipeline.batch</c>).
    /// </summary>
    public async Task RunAsync(int maxTicks, Action<string, IReadOnlyDictionary<string, object?>> report, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        for (var tick = 1; tick <= maxTicks; tick++)
        {
            try
            {
                var wait = TimeSpan.FromSeconds(tick) - _time.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
            await SendAsync(report, cancellationToken);
        }
        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await SendAsync(report, last.Token);
        if (_tampering is { Delivered: > 0 })
        {
            await ReadTableAsync(report, last.Token);
        }
    }

    // Which of the bad rows the pipeline delivered into its table: the data faults' score.
    private async Task ReadTableAsync(Action<string, IReadOnlyDictionary<string, object?>> report, CancellationToken cancellationToken)
    {
        try
        {
            var rows = JsonNode.Parse(await _client.GetStringAsync(new Uri(_pipeline(), "/table/rows"), cancellationToken));
            if (rows?["batches"] is JsonObject batches)
            {
                _tampering!.ReadTable(batches.SelectMany(b => (b.Value as JsonArray ?? []).Select(id => id?.ToString() ?? "")));
                report($"pipeline: {_tampering.Admitted} of {_tampering.Delivered} bad rows delivered are in the table",
                    new Dictionary<string, object?> { ["badDelivered"] = _tampering.Delivered, ["badAdmitted"] = _tampering.Admitted });
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or JsonException)
        {
            report($"pipeline: the table could not be read after the run ({exception.GetType().Name}); bad rows admitted unknown", new Dictionary<string, object?> { ["badDelivered"] = _tampering!.Delivered });
        }
    }

    private async Task SendAsync(Action<string, IReadOnlyDictionary<string, object?>> report, CancellationToken cancellationToken)
    {
        var sequences = new List<long>();
        while (sequences.Count < MaxRowsPerSecond && _queue.TryDequeue(out var sequence))
        {
            Interlocked.Decrement(ref _queued);
            sequences.Add(sequence);
        }
        if (sequences.Count == 0)
        {
            return;
        }
        var examples = sequences.Select(s => (Sequence: s, Example: CreditRequestFactory.Example(_seed, s, _drift.PopulationOf(s)))).ToList();
        try
        {
            var inputs = new JsonArray([.. examples.Select(e => (JsonNode)PipelineBatch.Features(e.Example))]);
            // A 404 is the no-drift-monitor variant: nothing watches, and the feed carries on with the labels.
            (await _client.PostAsJsonAsync(new Uri(_pipeline(), "/drift/observe"), new JsonObject { ["inputs"] = inputs }, cancellationToken)).Dispose();
            var batchId = $"{_runId}-{Interlocked.Increment(ref _batches)}";
            var now = _time.GetUtcNow();
            var batch = PipelineBatch.Build(batchId, examples.Select(e => (RowId(e.Sequence), e.Example)), now);
            var bad = _tampering is null ? [] : ((JsonArray)batch["rows"]!).OfType<JsonObject>().Where(row => _tampering.Apply(row, now)).Select(row => row["id"]!.ToString()).ToList();
            using var answer = await _client.PostAsJsonAsync(new Uri(_pipeline(), "/batches"), batch, cancellationToken);
            var body = await answer.Content.ReadAsStringAsync(cancellationToken);
            if ((int)answer.StatusCode is 200 or 422 && JsonNode.Parse(body) is JsonObject result)
            {
                _tampering?.Deliver(bad);
                var accepted = (long?)result["rows_accepted"] ?? 0;
                var quarantined = (long?)result["rows_quarantined"] ?? 0;
                var rejected = (long?)result["rows_rejected"] ?? 0;
                report($"pipeline: batch {batchId} of {examples.Count} rows ({bad.Count} bad): {accepted} committed, {quarantined} quarantined, {rejected} rejected",
                    new Dictionary<string, object?>
                    {
                        ["batch"] = batchId, ["accepted"] = accepted, ["quarantined"] = quarantined, ["committed"] = accepted,
                        ["rejected"] = rejected, ["version"] = (long?)result["version"], ["bad"] = bad.Count,
                    });
            }
            else
            {
                report($"pipeline: batch {batchId} refused with {(int)answer.StatusCode}", new Dictionary<string, object?> { ["batch"] = batchId, ["status"] = (int)answer.StatusCode });
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or JsonException)
        {
            // The pipeline down (a fault, the end of the run): these rows were never acknowledged, so nothing is owed for them.
            report($"pipeline: {examples.Count} rows not delivered ({exception.GetType().Name})", new Dictionary<string, object?> { ["undelivered"] = examples.Count });
        }
    }

    private string RowId(long sequence) => $"{_runId}-{sequence}";
}
