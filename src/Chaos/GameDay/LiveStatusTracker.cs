using Chaos.Engine;
using Chaos.Load;
using Chaos.Observe;
using Chaos.Reporting;
using HdrHistogram;

namespace Chaos.GameDay;

/// <summary>
/// Computes the panel's numbers from the run: the load's settled seconds (added once each to running totals), the journal
/// (readiness, breakers, engine events) and, every few seconds, one replica's metrics for the model version.
/// </summary>
internal sealed class LiveStatusTracker : IDisposable
{
    private const int RecentSeconds = 10;
    private readonly LiveRun _run;
    private readonly FaultBook _faults;
    private readonly LongHistogram _latency = LatencyHistograms.Create();
    private long _intended;
    private long _successful;
    private int _settled;
    private string? _modelVersion;
    private double _modelReadAt = double.NegativeInfinity;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public LiveStatusTracker(LiveRun run, FaultBook faults)
    {
        _run = run;
        _faults = faults;
    }

    public void Dispose() => _gate.Dispose();

    public async Task<LiveStatus> SnapshotAsync(CancellationToken cancellationToken)
    {
        // The panel's refresh and a runbook check may ask at once; the running totals are updated by one at a time.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await ComputeAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<LiveStatus> ComputeAsync(CancellationToken cancellationToken)
    {
        var scenario = _run.Scenario;
        var seconds = _run.MeasuredSeconds;
        // A second is settled once every request due in it has been answered or has timed out.
        var settled = (int)Math.Clamp(Math.Floor(seconds - scenario.Load.Timeout.TotalSeconds - 0.5), 0, _run.Recording.Intervals.Count);
        for (; _settled < settled; _settled++)
        {
            var interval = _run.Recording.Intervals[_settled];
            lock (interval)
            {
                _intended += interval.Intended;
                _successful += interval.Successful;
                _latency.Add(interval.Latency);
            }
        }
        var target = scenario.Slos.Availability?.Value ?? 0.995;
        var recent = Enumerable.Range(Math.Max(0, settled - RecentSeconds), Math.Min(RecentSeconds, settled)).Select(_run.Recording.Snapshot).ToList();
        var recentTotal = recent.Sum(i => i.Total);
        var recentFailed = recent.Sum(i => i.Failed);
        var availability = _intended == 0 ? (double?)null : (double)_successful / _intended;
        var plannedFailuresAllowed = (1 - target) * scenario.Load.RatePerSecond * scenario.Load.Duration.TotalSeconds;
        var latency = scenario.Slos.Latency;
        var successfulCount = _latency.TotalCount;
        if (seconds - _modelReadAt >= 5)
        {
            _modelReadAt = seconds;
            _modelVersion = await ReadModelVersionAsync(cancellationToken) ?? _modelVersion;
        }
        var members = Health(_run.Members, _run.Events);
        return new LiveStatus
        {
            Seconds = seconds,
            MaxSeconds = scenario.Load.Duration.TotalSeconds,
            WindowSeconds = recent.Count,
            RatePerSecond = recent.Count == 0 ? null : recentTotal / (double)recent.Count,
            ErrorFraction = recentTotal == 0 ? null : (double)recentFailed / recentTotal,
            P99Ms = recent.Max(i => i.P99Micros) is { } micros ? micros / 1000.0 : null,
            Availability = availability,
            AvailabilityTarget = target,
            BudgetSpent = plannedFailuresAllowed <= 0 ? null : (_intended - _successful) / plannedFailuresAllowed,
            BurnRateRecent = recentTotal == 0 ? null : ((double)recentFailed / recentTotal) / (1 - target),
            BurnRateOverall = availability is { } a ? (1 - a) / (1 - target) : null,
            LatencyThresholdMs = latency?.Threshold.TotalMilliseconds,
            LatencyFractionTarget = latency?.Fraction.Value,
            LatencyFractionUnder = latency is null || successfulCount == 0 || _intended == 0
                ? null
                : FractionUnder(latency.Threshold) * successfulCount / _intended,
            Members = members,
            ModelVersion = _modelVersion,
            Region = Regions(_run.RegionAnswers?.Since(seconds - RecentSeconds)),
            Drift = Drift(members, _run.Events, _run.Clock.Now),
            Provider = _run.Provider,
            Faults = _faults.Active(_run.Clock.Now),
        };
    }

    // Share of successful answers at or under the threshold (answers that failed count as over it, as the latency SLO does).
    private double FractionUnder(TimeSpan threshold)
    {
        var limit = (long)threshold.TotalMicroseconds;
        long under = 0;
        foreach (var value in _latency.RecordedValues())
        {
            if (value.ValueIteratedTo <= limit)
            {
                under += value.CountAtValueIteratedTo;
            }
        }
        return (double)under / _latency.TotalCount;
    }

    private async Task<string?> ReadModelVersionAsync(CancellationToken cancellationToken)
    {
        var versions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var replica in _run.Members.Where(m => m.Role == "inference"))
        {
            try
            {
                using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                bound.CancelAfter(TimeSpan.FromMilliseconds(500));
                var text = await _run.Client.GetStringAsync(new Uri(replica.HostUrl, "/metrics"), bound.Token);
                versions.UnionWith(PrometheusTextParser.Parse(text).Where(s => s.Name == "chaos_inference_model_info").Select(s => s.Label("version") ?? "?"));
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                // A replica that does not answer has no version to show; its health says why.
            }
        }
        return versions.Count == 0 ? null : string.Join(", ", versions);
    }

    /// <summary>
    /// Which regions served the recent answers, by share ("a 100%", "b 97%, a 3%"); null with one region (nothing to show).
    /// </summary>
    internal static string? Regions(IReadOnlyList<Slo.RegionAnswer>? recent)
    {
        if (recent is null)
        {
            return null;
        }
        var served = recent.Where(a => a.Outcome is Outcome.Ok or Outcome.Degraded && a.Region.Length > 0).ToList();
        if (served.Count == 0)
        {
            return recent.Count == 0 ? "no answers yet" : "no region answering";
        }
        return string.Join(", ", served.GroupBy(a => a.Region, StringComparer.Ordinal)
            .Select(g => (Region: g.Key, Share: (double)g.Count() / served.Count))
            .OrderByDescending(r => r.Share).ThenBy(r => r.Region, StringComparer.Ordinal)
            .Select(r => FormattableString.Invariant($"{r.Region} {r.Share:P0}").Replace(" %", "%", StringComparison.Ordinal)));
    }

    /// <summary>How long a drift alarm stays on the panel after the pipeline raised it.</summary>
    internal const double AlarmShownSeconds = 15;

    /// <summary>
    /// The drift monitor's last window (the feature furthest towards its calibrated PSI threshold) and whether it alarmed in
    /// the last <see cref="AlarmShownSeconds"/>, and the pipeline's state when it is not ready (its last window is then old
    /// news); null when the run has no pipeline.
    /// </summary>
    internal static string? Drift(IReadOnlyList<MemberHealth> members, IReadOnlyList<RunEvent> events, double now)
    {
        if (members.FirstOrDefault(m => m.Role == "pipeline") is not { } pipeline)
        {
            return null;
        }
        var window = events.LastOrDefault(e => e.Type == DataModelEvents.DriftChecked && e.Data.GetValueOrDefault("statistic") as string == "psi");
        var alarm = events.LastOrDefault(e => e.Type == StackObserver.SignalEvent && e.Data.GetValueOrDefault("kind") as string == Slo.StackSignalKinds.DriftAlarm);
        var text = window is null
            ? "no window checked yet"
            : FormattableString.Invariant($"PSI {window.Data.GetValueOrDefault("feature")} {Convert.ToDouble(window.Data.GetValueOrDefault("value"), System.Globalization.CultureInfo.InvariantCulture):0.###} (threshold {Convert.ToDouble(window.Data.GetValueOrDefault("threshold"), System.Globalization.CultureInfo.InvariantCulture):0.###})");
        if (alarm is not null && now - alarm.Seconds <= AlarmShownSeconds)
        {
            text = FormattableString.Invariant($"ALARM {now - alarm.Seconds:0} s ago; {text}");
        }
        return pipeline.State is "ready" or "restarted" or "unpaused" ? text : $"{text} (pipeline {pipeline.State})";
    }

    /// <summary>Each member's last known state from the journal: engine events, readiness transitions and breaker signals.</summary>
    internal static IReadOnlyList<MemberHealth> Health(IReadOnlyList<Chaos.Targets.StackContainer> members, IReadOnlyList<RunEvent> events)
    {
        var state = members.ToDictionary(m => m.Alias, _ => "ready", StringComparer.Ordinal);
        var breaker = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e.Type == StackObserver.HealthEvent && e.Data.GetValueOrDefault("member") is string member && e.Data.GetValueOrDefault("ready") is bool ready)
            {
                // A failed probe of a member the engine reported down or paused says less than the engine did: keep that.
                state[member] = ready ? "ready" : state.GetValueOrDefault(member) is "down" or "paused" ? state[member] : "NOT ready";
            }
            else if (e.Type.StartsWith("docker.", StringComparison.Ordinal) && e.Data.GetValueOrDefault("action") is string action && action is "die" or "kill" or "pause" or "unpause" or "start")
            {
                var alias = state.Keys.FirstOrDefault(k => (e.Data.GetValueOrDefault("container") as string ?? "").EndsWith(k, StringComparison.Ordinal));
                if (alias is not null)
                {
                    state[alias] = action switch { "die" or "kill" => "down", "pause" => "paused", "unpause" => "unpaused", "start" => "restarted", _ => state[alias] };
                }
            }
            else if (e.Type == StackObserver.SignalEvent && e.Data.GetValueOrDefault("source") as string == "gateway"
                && e.Data.GetValueOrDefault("replica") is string replica && e.Data.GetValueOrDefault("kind") is string kind)
            {
                breaker[replica] = kind["breaker-".Length..];
            }
        }
        return members.Select(m => new MemberHealth(m.Alias, m.Role, state.GetValueOrDefault(m.Alias, "ready"),
            breaker.FirstOrDefault(b => b.Key.Contains(m.Alias, StringComparison.Ordinal)).Value)).ToList();
    }
}
