using HdrHistogram;

namespace Chaos.Load;

/// <summary>
/// Open-model load: requests are due at fixed times whatever the system's response time, so a slow system
/// cannot slow the generator down (no coordinated omission). Latency counts from the intended send time.
/// Bounded by <see cref="LoadPlan.TotalRequests"/> in count and <see cref="LoadPlan.Deadline"/> in time.
/// </summary>
public sealed class OpenModelLoadGenerator
{
    private readonly LoadTransport _transport;
    private readonly IRequestFactory _requests;
    private readonly TimeProvider _time;

    private readonly IAnswerRecorder? _answers;

    /// <summary>Where each measured answer's region goes (a stack with a standby region); null records none.</summary>
    public RegionAnswerLog? Regions { get; init; }

    /// <summary>
    /// <paramref name="invoker"/> sends the requests: an <see cref="HttpClient"/>, or an <see cref="HttpMessageInvoker"/> straight
    /// over a handler, which skips HttpClient's per-request timeout and cancellation plumbing (the generator has its own).
    /// </summary>
    public OpenModelLoadGenerator(HttpMessageInvoker invoker, IRequestFactory requests, TimeProvider time, IAnswerRecorder? answers = null)
        : this(LoadTransport.Over(invoker), requests, time, answers)
    {
    }

    /// <summary>
    /// <paramref name="transport"/> sends the requests (<see cref="LoadTransport.EventLoop"/>: on the dispatch thread itself);
    /// the caller owns it, and gives it at least the plan's <c>MaxInFlight</c> connections.
    /// </summary>
    public OpenModelLoadGenerator(LoadTransport transport, IRequestFactory requests, TimeProvider time, IAnswerRecorder? answers = null)
    {
        _transport = transport;
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
        // In-flight requests end at the hard deadline or on cancellation; the schedule also ends when asked to stop.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(plan.Deadline);
        using var schedule = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stop);
        using var timeouts = new AttemptTimeouts(plan.Timeout, _time, deadline.Token);
        var slots = new InFlightSlots(Math.Max(1, plan.MaxInFlight));
        var run = new RunContext(plan, recording, slots, _time.GetTimestamp());

        // The schedule owns a thread, so its timing does not wait for a pool thread: it paces, builds requests in sequence
        // order (seeded corruption and drift depend on it) and starts each send, which runs on until its first await.
        // Handing sends to the thread pool instead measured slower on 2 cores: one more wake-up per request.
        var dispatch = Task.Factory.StartNew(() => Dispatch(run, timeouts, onMeasuredStart, schedule.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        DispatchSummary summary;
        try
        {
            summary = await dispatch.ConfigureAwait(false);
        }
        finally
        {
            slots.Close();
            await slots.Idle.ConfigureAwait(false);
        }
        if (run.Failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        cancellationToken.ThrowIfCancellationRequested();
        // Stopped early: the window ends where the schedule stopped (the due time of the first request never sent).
        var measuredFor = summary.Stopped
            ? TimeSpan.FromTicks(Math.Clamp((LoadPlan.DueAt(run.Profile, run.WarmupRequests, plan.Warmup, summary.NextSequence) - plan.Warmup).Ticks, 0, plan.Duration.Ticks))
            : plan.Duration;
        return new LoadResult
        {
            TargetRatePerSecond = summary.Stopped
                ? plan.Profile.ExpectedCount(measuredFor) / Math.Max(measuredFor.TotalSeconds, 1e-9)
                : plan.MeanMeasuredRate,
            Intervals = recording.Intervals.Take((int)Math.Ceiling(measuredFor.TotalSeconds)).ToList(),
            AchievedRatePerSecond = AchievedRate(summary.DispatchedMeasured, summary.FirstDispatch, summary.LastDispatch, measuredFor),
            SchedulingLagP99Micros = summary.SchedulingLagP99Micros,
            MeasuredDuration = measuredFor,
        };
    }

    private DispatchSummary Dispatch(RunContext run, AttemptTimeouts timeouts, Action<long>? onMeasuredStart, CancellationToken schedule)
    {
        var plan = run.Plan;
        var schedulingLag = LatencyHistograms.Create();
        var pacer = new DispatchPacer(_time, run.Start);
        var dispatchedMeasured = 0L;
        long? firstDispatch = null;
        var lastDispatch = 0L;
        var measuredStartFired = false;
        long sequence = 0;
        var stopped = false;
        var polled = _transport.PolledByDispatch;
        for (; sequence < run.TotalRequests; sequence++)
        {
            var due = LoadPlan.DueAt(run.Profile, run.WarmupRequests, plan.Warmup, sequence);
            if (!(polled ? PollUntil(run, due, schedule) : pacer.WaitUntil(due, schedule)))
            {
                stopped = true;
                break;
            }

            var measured = sequence >= run.WarmupRequests;
            if (measured && !measuredStartFired)
            {
                measuredStartFired = true;
                onMeasuredStart?.Invoke(run.Start + (long)(due.TotalSeconds * _time.TimestampFrequency));
            }
            var interval = measured ? run.Recording.IntervalAt(due - plan.Warmup) : null;
            var now = _time.GetTimestamp();
            var lagMicros = (long)(_time.GetElapsedTime(run.Start, now) - due).TotalMicroseconds;
            schedulingLag.RecordValue(Math.Clamp(lagMicros, 0, LatencyHistograms.HighestMicros));

            // Dispatched on schedule either way: a drop is the generator's decision at the intended time, made because the
            // stack holds maxInFlight requests already. It counts against availability, not against the generator.
            if (measured)
            {
                dispatchedMeasured++;
                firstDispatch ??= now;
                lastDispatch = now;
            }
            if (!run.Slots.TryTake())
            {
                // Behind schedule the wait above returns at once: answers that came meanwhile free slots only when polled.
                if (!polled || !PollNow(run))
                {
                    LoadRecording.Record(interval, Outcome.Dropped, 0);
                    continue;
                }
            }
            HttpRequestMessage request;
            try
            {
                request = _requests.Create(sequence);
            }
            catch
            {
                run.Slots.Release();
                throw;
            }
            var send = new PendingSend(run, request, sequence, due, now, interval, timeouts.TokenAt(now));
            _ = SendAndReleaseAsync(send);
        }
        if (polled)
        {
            // The answers still out arrive only while this thread polls; their timeouts (or the deadline) end the rest.
            for (var polls = 0L; run.Slots.InFlight > 0 && polls < MaxDrainPolls; polls++)
            {
                _transport.Poll(PollSlice);
            }
        }
        return new DispatchSummary(stopped, sequence, dispatchedMeasured, firstDispatch, lastDispatch,
            schedulingLag.TotalCount == 0 ? 0 : schedulingLag.GetValueAtPercentile(99));
    }

    /// <summary>The longest single wait in the transport's poll, so a stop is seen within it.</summary>
    private static readonly TimeSpan PollSlice = TimeSpan.FromMilliseconds(10);

    /// <summary>Bound on the polls that wait for the last answers (10 ms each: far beyond any timeout a plan may have).</summary>
    private const long MaxDrainPolls = 1_000_000;

    // Waits for the due time in the transport's poll, handling answers meanwhile; false when the schedule was stopped.
    private bool PollUntil(RunContext run, TimeSpan due, CancellationToken schedule)
    {
        while (!schedule.IsCancellationRequested)
        {
            var left = due - _time.GetElapsedTime(run.Start);
            if (left <= TimeSpan.Zero)
            {
                // Due already (behind schedule, or a burst): still take in what has arrived, now and then, without waiting.
                if (++run.PollsSkipped > 8)
                {
                    run.PollsSkipped = 0;
                    _transport.Poll(TimeSpan.Zero);
                }
                return true;
            }
            _transport.Poll(left < PollSlice ? left : PollSlice);
            run.PollsSkipped = 0;
        }
        return false;
    }

    // Takes in the answers that have arrived, unless nothing was dispatched since the last poll, and tries for a slot once more.
    private bool PollNow(RunContext run)
    {
        if (run.PollsSkipped == 0)
        {
            return false;
        }
        _transport.Poll(TimeSpan.Zero);
        run.PollsSkipped = 0;
        return run.Slots.TryTake();
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

    private async Task SendAsync(PendingSend send)
    {
        var run = send.Run;
        using var request = send.Request;
        // A request made corrupt on purpose is classified apart, and its answer is no prediction to score.
        request.Options.TryGetValue(RequestCorruption.Key, out var corruption);
        var keepBody = _answers is not null && send.Interval is not null && corruption is null;
        var answer = await _transport.SendAsync(request, keepBody, send.Timeout).ConfigureAwait(false);
        var outcome = answer.Outcome;
        if (keepBody && answer.Body is { } body)
        {
            _answers!.Record(send.Sequence, send.Interval!.Index, body);
        }
        var region = Regions is null ? null : answer.Region;
        var now = _time.GetTimestamp();
        // The shared timeout token may fire up to one bucket late; the timeout itself is exact.
        if (outcome is not Outcome.Timeout && _time.GetElapsedTime(send.DispatchedAt, now) > run.Plan.Timeout)
        {
            outcome = Outcome.Timeout;
        }
        if (corruption is not null)
        {
            outcome = corruption.Classify(outcome);
        }
        var elapsed = _time.GetElapsedTime(run.Start, now);
        var latency = elapsed - send.Due;
        LoadRecording.Record(send.Interval, outcome, (long)latency.TotalMicroseconds, (long)_time.GetElapsedTime(send.DispatchedAt, now).TotalMicroseconds);
        if (send.Interval is not null && corruption is null)
        {
            Regions?.Record((elapsed - run.Plan.Warmup).TotalSeconds, outcome, region);
        }
    }

    private async Task SendAndReleaseAsync(PendingSend send)
    {
        try
        {
            await SendAsync(send).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Not a failure of the stack (those are outcomes): a fault of the generator or its collaborators, reported at the end.
            Interlocked.CompareExchange(ref send.Run.Failure, exception, null);
        }
        finally
        {
            send.Run.Slots.Release();
        }
    }

    /// <summary>What every send of one run shares.</summary>
    private sealed class RunContext(LoadPlan plan, LoadRecording recording, InFlightSlots slots, long start)
    {
        public LoadPlan Plan { get; } = plan;
        public LoadRecording Recording { get; } = recording;
        public InFlightSlots Slots { get; } = slots;
        public long Start { get; } = start;
        // Properties of the plan recompute from the profile: read once, outside the loop.
        public Profiles.ArrivalProfile Profile { get; } = plan.Profile;
        public long TotalRequests { get; } = plan.TotalRequests;
        public long WarmupRequests { get; } = plan.WarmupRequests;
        public Exception? Failure;
        // Due times met since the transport was last polled (event-loop transports only; the dispatch thread alone uses it).
        public int PollsSkipped;
    }

    private readonly record struct DispatchSummary(bool Stopped, long NextSequence, long DispatchedMeasured, long? FirstDispatch, long LastDispatch, long SchedulingLagP99Micros);

    /// <summary>One request in flight.</summary>
    private sealed class PendingSend(RunContext run, HttpRequestMessage request, long sequence, TimeSpan due, long dispatchedAt, LoadInterval? interval, CancellationToken timeout)
    {
        public RunContext Run { get; } = run;
        public HttpRequestMessage Request { get; } = request;
        public long Sequence { get; } = sequence;
        public TimeSpan Due { get; } = due;
        public long DispatchedAt { get; } = dispatchedAt;
        public LoadInterval? Interval { get; } = interval;
        public CancellationToken Timeout { get; } = timeout;
    }
}
