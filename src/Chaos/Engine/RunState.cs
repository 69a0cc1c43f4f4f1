using Chaos.Load;
using Chaos.Reporting;
using Chaos.Scenarios;
using Chaos.Targets;

namespace Chaos.Engine;

/// <summary>What one run has seen so far; written by the phases, read when the verdict is made.</summary>
internal sealed class RunState
{
    private readonly List<RunEvent> _events = [];

    public RunState(Scenario scenario, StackVariant variant, int seed, string runId, string directory, RunClock clock, IProgress<string>? progress)
    {
        Scenario = scenario;
        Variant = variant;
        Seed = seed;
        RunId = runId;
        Directory = directory;
        Clock = clock;
        Progress = progress;
        Corruption = new RequestCorruption(seed);
        FeedTampering = new FeedTampering(seed);
    }

    public Scenario Scenario { get; }
    public StackVariant Variant { get; }
    public int Seed { get; }
    public string RunId { get; }
    public string Directory { get; }
    public RunClock Clock { get; }
    public IProgress<string>? Progress { get; }
    /// <summary>The live status line (<see cref="RunOptions.Status"/>), or null.</summary>
    public IProgress<string>? Status { get; init; }
    public JournalWriter? Journal { get; set; }
    public DockerStack? Stack { get; set; }
    public string Provider { get; set; } = "unknown";
    public bool SteadyBefore { get; set; }
    public bool SteadyAfter { get; set; }
    public LoadResult? Load { get; set; }
    public double MeasuredStartSeconds { get; set; }
    public List<FaultRecord> Faults { get; } = [];
    public IReadOnlyList<string> Leftovers { get; set; } = [];
    public bool Cancelled { get; set; }
    public GuardrailTrip? Trip { get; set; }
    public CreditPredictionRecorder? Predictions { get; set; }
    /// <summary>The load's drift switch (<c>data.drift</c>), shared by the requests, the ground truth and the pipeline feed.</summary>
    public DriftSwitch Drift { get; } = new();
    /// <summary>The load's corruption switch (<c>request.corrupt</c>) with its counts of how corrupt requests were answered.</summary>
    public RequestCorruption Corruption { get; }
    /// <summary>What <c>storage.crash</c> saw of the pipeline's store: acknowledged rows, partial reads, rows readable after.</summary>
    public Faults.StorageCrash.WriteLedger Writes { get; } = new();

    /// <summary>What region.loss read of the registries, for the RPO.</summary>
    public Faults.RegionLoss.ReplicationLedger Replication { get; } = new();

    /// <summary>Every measured answer with the region that served it (X-Chaos-Region), for the RTO; null without a standby region.</summary>
    public Load.RegionAnswerLog? RegionAnswers { get; set; }
    /// <summary>Training runs <c>training.kill</c> killed, with the stage each resumed from.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<Slo.TrainingResume> TrainingResumes { get; } = new();
    /// <summary>The data faults' switch on the pipeline feed (<c>data.corrupt-batch</c>, <c>data.schema-change</c>, <c>data.stale</c>).</summary>
    public FeedTampering FeedTampering { get; }
    public HttpClient? Client { get; set; }
    public string? Error { get; set; }
    /// <summary>The game day's console, run beside the load (<see cref="RunOptions.Live"/>).</summary>
    public Func<LiveRun, CancellationToken, Task>? Live { get; init; }

    public IReadOnlyList<RunEvent> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    /// <summary>Writes an event to the journal at once and tells the progress sink.</summary>
    public void Record(string type, string message, params (string Key, object? Value)[] data) =>
        RecordAt(Clock.Now, type, message, data);

    /// <summary>Records an event that happened at <paramref name="seconds"/> on the run clock (e.g. when a fault call began).</summary>
    public void RecordAt(double seconds, string type, string message, params (string Key, object? Value)[] data)
    {
        var payload = data.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
        payload["message"] = message;
        var runEvent = new RunEvent(Clock.UtcNow, Math.Round(seconds, 3), type, payload);
        lock (_events)
        {
            _events.Add(runEvent);
        }
        Journal?.Append(runEvent);
        if (!JournalOnly.Contains(type) && !(payload.TryGetValue(Observe.StackObserver.RepeatKey, out var repeat) && repeat is true))
        {
            Progress?.Report($"[{Clock.Now,7:F1}s] {message}");
        }
    }

    // Once-a-second bookkeeping: in the journal and the report, not on the terminal (it would drown the lines that matter).
    private static readonly HashSet<string> JournalOnly = new(StringComparer.Ordinal) { DataModelEvents.PipelineBatch, DataModelEvents.QualityWindow, DataModelEvents.DriftChecked };
}
