using HdrHistogram;

namespace Chaos.Load;

/// <summary>
/// Open-model load: requests are due at fixed times whatever the system's response time, so a slow system
/// cannot slow the generator down (no coordinated omission). Latency counts from the intended send time.
/// Bounded by <see cref="LoadPlan.TotalRequests"/> in count and <see cref="LoadPlan.Deadline"/> in time.
/// </summary>
public sealed class OpenModelLoadGenerator
{
    private readonly HttpClient _client;
    private readonly IRequestFactory _requests;
    private readonly TimeProvider _time;

    private readonly IAnswerRecorder? _answers;

    /// <summary>Where each measured answer's region goes (a stack with a standby region); null records none.</summary>
    public RegionAnswerLog? Regions { get; init; }

    public OpenModelLoadGenerator(HttpClient client, IRequestFactory requests, TimeProvider time, IAnswerRecorder? answers = null)
    {
        _client = client;
        _requests = requests;
        _time = time;
        _answers = answers;
    }

    /// <summary>Runs the plan. <paramref name="onMeasuredStart"/> fires once when the measured window opens.</summary>
    public Task<LoadResult> RunAsync(LoadPlan plan, Action<long>? onMeasuredStart = null, CancellationToken cancellationToken = default) =>
        RunAsync(plan, new LoadRecording(plan.MeasuredSeconds), onMeasuredStart, CancellationToken.None, cancellationToken);

    /// <summary>
    /// Runs the plan into <paramref name="recording"/>, which others may read while it runs. <paramref name="stop"/>
    /// ends the schedule early (a guardrail tripped) and still returns what was measured, over the time that ran.
    /// </summary>
    public async Task<LoadResult> RunAsync(LoadPlan plan, LoadRecording recording, Action<long>? onMeasuredStart, CancellationToken stop, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(plan.Profile.InitialRate);
        // Properties of the plan recompute from the profile: read them once, outside the loop.
        var totalRequests = plan.TotalRequests;
        var warmupRequests = plan.WarmupRequests;
        var profile = plan.Profile;
        var schedulingLag = LatencyHistograms.Create();
        var inFlight = 0;
        var dispatchedMeasured = 0L;
        long? firstDispatch = null;
        var lastDispatch = 0L;
        var pending = new List<Task>();

        // In-flight requests end at the hard deadline or on cancellation; the schedule also ends when asked to stop.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(plan.Deadline);
        using var schedule = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stop);
        var start = _time.GetTimestamp();
        var measuredStartFired = false;

        long nextSequence = 0;
        var stopped = false;
        for (long sequence = 0; sequence < totalRequests; sequence++, nextSequence = sequence)
        {
            var due = LoadPlan.DueAt(profile, warmupRequests, plan.Warmup, sequence);
            var wait = due - _time.GetElapsedTime(start);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                try
                {
                    await Task.Delay(wait, _time, schedule.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    stopped = true;
                    break;
                }
            }
            if (schedule.IsCancellationRequested)
            {
                stopped = true;
                break;
            }

            var measured = sequence >= warmupRequests;
            if (measured && !measuredStartFired)
            {
                measuredStartFired = true;
                onMeasuredStart?.Invoke(start + (long)(due.TotalSeconds * _time.TimestampFrequency));
            }
            var interval = measured ? recording.IntervalAt(due - plan.Warmup) : null;
            var lagMicros = (long)(_time.GetElapsedTime(start) - due).TotalMicroseconds;
            schedulingLag.RecordValue(Math.Clamp(lagMicros, 0, LatencyHistograms.HighestMicros));

            // Dispatched on schedule either way: a drop is the generator's decision at the intended time, made because the
            // stack holds maxInFlight requests already. It counts against availability, not against the generator.
            if (measured)
            {
                dispatchedMeasured++;
                var now = _time.GetTimestamp();
                firstDispatch ??= now;
                lastDispatch = now;
            }
            if (Volatile.Read(ref inFlight) >= plan.MaxInFlight)
            {
                LoadRecording.Record(interval, Outcome.Dropped, 0);
                continue;
            }
            Interlocked.Increment(ref inFlight);
            var task = SendAsync(sequence, start, due, plan.Warmup, plan.Timeout, interval, deadline.Token)
                .ContinueWith(_ => Interlocked.Decrement(ref inFlight), TaskScheduler.Default);
            pending.Add(task);
            if (pending.Count > Math.Max(4096, 2 * plan.MaxInFlight))
            {
                pending.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        // Stopped early: only the seconds that ran count; the rest of the window was never intended.
        // Stopped early: the window ends where the schedule stopped (the due time of the first request never sent).
        var measuredFor = stopped
            ? TimeSpan.FromTicks(Math.Clamp((LoadPlan.DueAt(profile, warmupRequests, plan.Warmup, nextSequence) - plan.Warmup).Ticks, 0, plan.Duration.Ticks))
            : plan.Duration;
        return new LoadResult
        {
            TargetRatePerSecond = stopped
                ? plan.Profile.ExpectedCount(measuredFor) / Math.Max(measuredFor.TotalSeconds, 1e-9)
                : plan.MeanMeasuredRate,
            Intervals = recording.Intervals.Take((int)Math.Ceiling(measuredFor.TotalSeconds)).ToList(),
            AchievedRatePerSecond = AchievedRate(dispatchedMeasured, firstDispatch, lastDispatch, measuredFor),
            SchedulingLagP99Micros = schedulingLag.TotalCount == 0 ? 0 : schedulingLag.GetValueAtPercentile(99),
            MeasuredDuration = measuredFor,
        };
    }

    // From the actual dispatch times: a generator that falls behind stretches its schedule and shows a lower rate.
    // (n - 1) gaps span first to last dispatch; with a single dispatch there is no span, so the window length is used.
    private double AchievedRate(long dispatched, long? first, long last, TimeSpan measuredFor)
    {
        if (dispatched < 2 || first is not { } start)
        {
            return measuredFor > TimeSpan.Zero ? dispatched / measuredFor.TotalSeconds : 0;
        }
        var span = _time.GetElapsedTime(start, last).TotalSeconds;
        return span > 0 ? (dispatched - 1) / span : 0;
    }

    private async Task SendAsync(long sequence, long start, TimeSpan due, TimeSpan warmup, TimeSpan timeout, LoadInterval? interval, CancellationToken cancellationToken)
    {
        Outcome outcome;
        string? region = null;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        using var request = _requests.Create(sequence);
        // A request made corrupt on purpose is classified apart, and its answer is no prediction to score.
        request.Options.TryGetValue(RequestCorruption.Key, out var corruption);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, attempt.Token).ConfigureAwait(false);
            outcome = OutcomeClassifier.Classify(response);
            region = Regions is null ? null : RegionAnswerLog.RegionOf(response);
            if (_answers is not null && interval is not null && corruption is null && outcome is Outcome.Ok or Outcome.Degraded)
            {
                var body = await response.Content.ReadAsByteArrayAsync(attempt.Token).ConfigureAwait(false);
                _answers.Record(sequence, interval.Index, body);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
        {
            outcome = OutcomeClassifier.Classify(exception);
        }
        if (corruption is not null)
        {
            outcome = corruption.Classify(outcome);
        }
        var elapsed = _time.GetElapsedTime(start);
        var latency = elapsed - due;
        LoadRecording.Record(interval, outcome, (long)latency.TotalMicroseconds);
        if (interval is not null && corruption is null)
        {
            Regions?.Record((elapsed - warmup).TotalSeconds, outcome, region);
        }
    }
}
