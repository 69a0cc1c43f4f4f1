using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Inference;
using Chaos.Stack.Pipeline.Drift;
using Chaos.Stack.Pipeline.Table;
using Chaos.Stack.Registry;

namespace Chaos.Stack.Pipeline.Retraining;

/// <summary>
/// Automated retraining: a drift alarm or the freshness rule starts a run on the latest committed table version; the staged
/// trainer checkpoints it; the candidate is compared with the champion on the holdout (AUC and subgroup gap), registered with
/// its lineage, and promoted through the champion alias when it passes. After a promotion, labelled live rows are scored by
/// the new champion and a drop in live accuracy rolls the alias back. A run interrupted by a crash resumes on the next start.
/// </summary>
public sealed class RetrainingService : IDisposable
{
    private const string MarkerFile = "current-run.json";

    private static readonly string CodeVersion =
        typeof(RetrainingService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private readonly IFeatureStore table;
    private readonly DriftMonitor? monitor;
    private readonly RegistryPublisher registry;
    private readonly RetrainingOptions options;
    private readonly TimeProvider timeProvider;
    private readonly SemaphoreSlim runGate = new(1, 1);
    private readonly Lock gate = new();
    private long runs;
    private long promotions;
    private long rejections;
    private long rollbacks;
    private long lastTrainedVersion = -1;
    private long lastTrainedRows;
    private DateTimeOffset? lastTrainedAt;
    private RetrainingRun? lastRun;
    private string? lastError;
    private string? lastRollbackReason;
    private LiveWatch? watch;
    private bool championSeen;
    private TrainingProgress? current;
    // The champion version last seen; a change nobody here made (a deployment, a bad version) is watched like a promotion.
    private string? followed;

    /// <summary>A service; <paramref name="monitor"/> null means no drift trigger (the <c>no-drift-monitor</c> variant).</summary>
    public RetrainingService(IFeatureStore table, DriftMonitor? monitor, RegistryPublisher registry, RetrainingOptions options, TimeProvider timeProvider)
    {
        this.table = table;
        this.monitor = monitor;
        this.registry = registry;
        this.options = options;
        this.timeProvider = timeProvider;
        Directory.CreateDirectory(options.WorkFolder);
    }

    /// <summary>Called after a run whose candidate was promoted: its training rows, the drift monitor's new reference.</summary>
    public event Action<IReadOnlyList<float[]>>? Retrained;

    /// <summary>
    /// Raised after a champion this service promoted (and rebased the drift reference for, see <see cref="Retrained"/>) was
    /// rolled back: the reference goes back with it. Not raised for a champion promoted elsewhere, which never moved it.
    /// </summary>
    public event Action? PromotionRolledBack;

    /// <summary>The current state.</summary>
    public RetrainingStatus Status()
    {
        lock (gate)
        {
            return new RetrainingStatus(runGate.CurrentCount == 0, runs, promotions, rejections, rollbacks, lastTrainedVersion, lastRun, lastError, lastRollbackReason,
                watch is { Rows: > 0 } w ? w.Correct / (double)w.Rows : null, watch?.Rows ?? 0, current);
        }
    }

    /// <summary>Resumes a run a crash interrupted, if its marker is on disk; returns it, or null when there was none.</summary>
    public async Task<RetrainingRun?> ResumeInterruptedAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(options.WorkFolder, MarkerFile);
        if (!File.Exists(path))
        {
            return null;
        }

        var marker = JsonSerializer.Deserialize<RunMarker>(await File.ReadAllBytesAsync(path, cancellationToken), StackJson.Options)!;
        return await RunAsync(marker.Trigger + " (resumed after a crash)", marker.DataVersion, cancellationToken);
    }

    // Asked until the registry has a champion, then remembered: the alias can move but never disappears.
    private async Task<bool> ChampionExistsAsync(CancellationToken cancellationToken)
    {
        if (!championSeen && await registry.HasChampionAsync(options.ModelName, cancellationToken))
        {
            championSeen = true;
        }

        return championSeen;
    }

    /// <summary>Checks the triggers (drift alarm first, then freshness) and runs when one fires; null when none fired.</summary>
    public async Task<RetrainingRun?> CheckTriggersAsync(CancellationToken cancellationToken)
    {
        string? trigger = null;
        var latest = await table.StateAsync(cancellationToken);
        long trainedRows, trainedVersion;
        DateTimeOffset? trainedAt;
        lock (gate)
        {
            (trainedRows, trainedVersion, trainedAt) = (lastTrainedRows, lastTrainedVersion, lastTrainedAt);
        }

        // Nothing new to train on: a drift alarm waits (stays pending) until labelled data of the new regime is committed.
        if (latest.Version == trainedVersion || latest.Rows == 0 || latest.Rows < options.MinTrainingRows)
        {
            return null;
        }

        if (trainedAt is { } last && timeProvider.GetUtcNow() - last < options.Cooldown)
        {
            return null;
        }

        if (monitor is { AlarmPending: true } && monitor.TakeAlarm())
        {
            trigger = "drift alarm: " + monitor.Status().LastAlarmSource;
        }
        else if (trainedVersion < 0 && !await ChampionExistsAsync(cancellationToken))
        {
            // Only a registry without a champion has no model: a champion trained elsewhere (the image's) counts as one.
            trigger = "freshness: no model trained yet";
        }
        else if (options.RetrainAfterNewRows > 0 && latest.Rows - trainedRows >= options.RetrainAfterNewRows)
        {
            trigger = $"freshness: {latest.Rows - trainedRows} new rows since version {trainedVersion}";
        }
        else if (trainedAt is { } at && timeProvider.GetUtcNow() - at > options.MaxModelAge)
        {
            trigger = $"freshness: model older than {options.MaxModelAge}";
        }

        return trigger is null ? null : await RunAsync(trigger, null, cancellationToken);
    }

    /// <summary>One run on <paramref name="dataVersion"/> (the latest when null).</summary>
    public async Task<RetrainingRun> RunAsync(string trigger, long? dataVersion, CancellationToken cancellationToken, Action<int>? afterStage = null)
    {
        await runGate.WaitAsync(cancellationToken);
        try
        {
            var started = timeProvider.GetUtcNow();
            var state = await table.StateAsync(cancellationToken);
            var snapshot = new StoreState(dataVersion ?? state.Version, 0);
            var rows = await table.ReadVersionAsync(snapshot.Version, cancellationToken);
            snapshot = snapshot with { Rows = rows.Count };
            var runId = $"v{snapshot.Version.ToString(CultureInfo.InvariantCulture)}-seed{options.Training.Seed.ToString(CultureInfo.InvariantCulture)}";
            var markerPath = Path.Combine(options.WorkFolder, MarkerFile);
            await AtomicFile.ReplaceAsync(markerPath, JsonSerializer.SerializeToUtf8Bytes(new RunMarker(runId, trigger, snapshot.Version, started), StackJson.Options), cancellationToken);

            var train = rows.Where(r => !ModelEvaluator.IsHoldout(r.Id)).ToList();
            var holdout = rows.Where(r => ModelEvaluator.IsHoldout(r.Id)).ToList();
            var trainStarted = timeProvider.GetTimestamp();
            var candidate = await new StagedTrainer(options.Training).TrainAsync(train, snapshot.Version, runId, Path.Combine(options.WorkFolder, "checkpoints"), stage =>
            {
                Progress(p => p is null ? null : p with { Stage = stage });
                afterStage?.Invoke(stage);
            }, cancellationToken, starting: from => Progress(_ => new TrainingProgress(runId, trigger, from, options.Training.Stages, from)));
            Progress(_ => null);

            var trainSeconds = timeProvider.GetElapsedTime(trainStarted).TotalSeconds;
            ModelQuality candidateQuality;
            using (var candidateModel = ModelEvaluator.Load(candidate.Onnx, options.ModelName, "candidate", candidate.OnnxInput, candidate.OnnxOutput))
            {
                candidateQuality = ModelEvaluator.Evaluate(candidateModel, holdout);
            }

            ModelQuality? championQuality = null;
            if (await registry.ChampionAsync(options.ModelName, cancellationToken) is { } champion)
            {
                using var championModel = ModelEvaluator.Load(champion.Onnx, options.ModelName, champion.Version.Version, champion.Version.OnnxInput, champion.Version.OnnxOutput);
                championQuality = ModelEvaluator.Evaluate(championModel, holdout);
            }

            var decision = ChampionDecision.Decide(candidateQuality, championQuality, options.Gate);
            var registered = await registry.RegisterAsync(options.ModelName, candidate.Onnx, Registration(candidate, candidateQuality, snapshot.Version, train.Count, holdout.Count, trigger, trainSeconds), cancellationToken);
            if (decision.Promote)
            {
                await registry.PromoteAsync(options.ModelName, registered.Version, cancellationToken);
            }

            // The drift monitor compares live inputs with the serving model's training data: rebase it when this candidate
            // serves, and before the run shows as finished, so a reader of the status sees both or neither. A candidate kept
            // out leaves the champion, and so the reference, as they were: the drift still stands and the next run may follow.
            if (decision.Promote)
            {
                Retrained?.Invoke(train.Where(r => r.Features.All(float.IsFinite)).Select(r => r.Features).ToList());
            }
            var run = new RetrainingRun(runId, trigger, snapshot.Version, started, timeProvider.GetUtcNow(), candidate.ResumedFromStage, train.Count, holdout.Count, decision, registered.Version, decision.Promote);
            lock (gate)
            {
                runs++;
                lastRun = run;
                lastError = null;
                lastTrainedVersion = snapshot.Version;
                lastTrainedRows = snapshot.Rows;
                lastTrainedAt = run.FinishedAt;
                if (decision.Promote)
                {
                    promotions++;
                    watch?.Dispose();
                    watch = new LiveWatch(ModelEvaluator.Load(candidate.Onnx, options.ModelName, registered.Version, candidate.OnnxInput, candidate.OnnxOutput), candidateQuality.Accuracy)
                    {
                        OwnPromotion = true,
                    };
                    followed = registered.Version;
                }
                else
                {
                    rejections++;
                }
            }

            File.Delete(markerPath);
            return run;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            lock (gate)
            {
                lastError = exception.Message;
            }

            throw;
        }
        finally
        {
            Progress(_ => null);
            runGate.Release();
        }
    }

    private void Progress(Func<TrainingProgress?, TrainingProgress?> change)
    {
        lock (gate)
        {
            current = change(current);
        }
    }

    /// <summary>
    /// Scores newly committed labelled rows with the model promoted last; rolls the champion back when its live accuracy over
    /// <see cref="RetrainingOptions.LiveQualityRows"/> rows falls more than the allowed drop below its holdout accuracy.
    /// </summary>
    public async Task<bool> ObserveLabelledAsync(IReadOnlyList<TableRow> rows, CancellationToken cancellationToken)
    {
        string? reason = null;
        lock (gate)
        {
            if (watch is null || watch.RolledBack)
            {
                return false;
            }

            var labelled = rows.Where(r => r.Label is not null && r.Features.All(float.IsFinite)).ToList();
            if (labelled.Count > 0)
            {
                var probabilities = watch.Model.Score(labelled.SelectMany(r => r.Features).ToArray(), labelled.Count);
                watch.Rows += labelled.Count;
                watch.Correct += labelled.Where((r, i) => (probabilities[i] >= 0.5f) == r.Label!.Value).Count();
            }

            var accuracy = watch.Rows == 0 ? 1 : watch.Correct / (double)watch.Rows;
            if (watch.Rows >= options.LiveQualityRows && accuracy < watch.Baseline - options.LiveQualityMaxDrop)
            {
                watch.RolledBack = true;
                reason = $"live accuracy {accuracy:F3} over {watch.Rows} rows fell below the holdout accuracy {watch.Baseline:F3} by more than {options.LiveQualityMaxDrop}";
            }
        }

        if (reason is null)
        {
            return false;
        }

        await registry.RollbackAsync(options.ModelName, cancellationToken);
        var restored = await registry.ChampionVersionAsync(options.ModelName, cancellationToken);
        bool own;
        lock (gate)
        {
            rollbacks++;
            lastRollbackReason = reason;
            // The version rolled back to was the champion before: it is not a new promotion to watch.
            followed = restored;
            own = watch?.OwnPromotion == true;
        }
        if (own)
        {
            PromotionRolledBack?.Invoke();
        }

        return true;
    }

    /// <summary>
    /// Follows the champion alias: a champion this service did not promote (a deployment, a bad version pushed by hand) is
    /// watched on live labelled rows against its registered holdout accuracy, like one of its own promotions, and rolled back
    /// the same way. The champion found at the first look is the baseline: nothing was promoted that could be undone.
    /// Returns true when it started watching a new champion.
    /// </summary>
    public async Task<bool> FollowChampionAsync(CancellationToken cancellationToken)
    {
        var version = await registry.ChampionVersionAsync(options.ModelName, cancellationToken);
        lock (gate)
        {
            if (version is null || version == followed)
            {
                return false;
            }

            if (followed is null)
            {
                followed = version;
                return false;
            }
        }

        if (await registry.ChampionAsync(options.ModelName, cancellationToken) is not { } champion)
        {
            return false;
        }

        var (metadata, onnx) = champion;
        if (metadata.Metrics is not { } metrics)
        {
            lock (gate)
            {
                followed = metadata.Version;
            }

            return false;
        }

        var model = ModelEvaluator.Load(onnx, options.ModelName, metadata.Version, metadata.OnnxInput, metadata.OnnxOutput);
        lock (gate)
        {
            watch?.Dispose();
            watch = new LiveWatch(model, metrics.Accuracy);
            followed = metadata.Version;
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        runGate.Dispose();
        watch?.Dispose();
    }

    private ModelRegistration Registration(StagedModel candidate, ModelQuality quality, long dataVersion, int trainRows, int holdoutRows, string trigger, double trainSeconds) => new(
        "staged-lbfgs-logistic-regression",
        candidate.OnnxInput,
        candidate.OnnxOutput,
        [-1, Ml.CreditTask.FeatureCount],
        new ModelTrainingMetrics(quality.Auc, quality.Accuracy, trainRows, holdoutRows, -1, trainSeconds),
        $"table:{table.Location}@{dataVersion.ToString(CultureInfo.InvariantCulture)}",
        CodeVersion,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["seed"] = options.Training.Seed.ToString(CultureInfo.InvariantCulture),
            ["stages"] = options.Training.Stages.ToString(CultureInfo.InvariantCulture),
            ["iterations_per_stage"] = options.Training.IterationsPerStage.ToString(CultureInfo.InvariantCulture),
            ["l2"] = options.Training.L2Regularization.ToString(CultureInfo.InvariantCulture),
            ["checkpoint_every"] = options.Training.CheckpointEvery.ToString(CultureInfo.InvariantCulture),
            ["resumed_from_stage"] = candidate.ResumedFromStage.ToString(CultureInfo.InvariantCulture),
            ["trigger"] = trigger,
            ["holdout_subgroup_gap"] = quality.SubgroupGap.ToString("F4", CultureInfo.InvariantCulture),
        });

    private sealed class LiveWatch(ScoringModel model, double baseline) : IDisposable
    {
        public ScoringModel Model { get; } = model;

        public double Baseline { get; } = baseline;

        public int Rows { get; set; }

        public int Correct { get; set; }

        public bool RolledBack { get; set; }

        /// <summary>Promoted by this service (its training data became the drift reference), not followed.</summary>
        public bool OwnPromotion { get; init; }

        public void Dispose() => Model.Dispose();
    }
}
