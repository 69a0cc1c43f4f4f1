using Chaos.Stack.Hosting;
using Chaos.Stack.Ml;
using Chaos.Stack.Pipeline.Drift;
using Chaos.Stack.Pipeline.Retraining;
using Chaos.Stack.Pipeline.Table;
using Chaos.Stack.Pipeline.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Pipeline;

/// <summary>Builds the pipeline role: store, validation, drift monitor and retraining per the switches, the API and the trigger loop.</summary>
public static partial class PipelineNode
{
    /// <summary>
    /// Builds a server for <paramref name="options"/>; a retraining run a crash interrupted resumes once it starts.
    /// <paramref name="crashNow"/> replaces the process crash of the training.kill hook (tests).
    /// </summary>
    public static async Task<StackServer> CreateAsync(PipelineOptions options, TimeProvider timeProvider, CancellationToken cancellationToken, Action<string>? crashNow = null)
    {
        var builder = StackServer.CreateBuilder(options.Listen, options.MaxRequestBodyBytes);
        builder.Services.AddSingleton(timeProvider);
        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Chaos.Stack.Pipeline");

        Directory.CreateDirectory(options.DataFolder);
        VersionedTable? table = options.TransactionalStore ? await VersionedTable.OpenAsync(Path.Combine(options.DataFolder, "table"), timeProvider, cancellationToken) : null;
        IFeatureStore store = table ?? (IFeatureStore)new PlainFileStore(Path.Combine(options.DataFolder, "plain"));
        var validator = options.Validation ? new BatchValidator(FeatureSchema.Credit, new ValidationOptions(), timeProvider) : null;
        var ingestor = new BatchIngestor(validator, new QuarantineStore(options.DataFolder), store, timeProvider);

        DriftMonitor? monitor = null;
        if (options.DriftMonitor)
        {
            var existing = (await store.ReadLatestAsync(cancellationToken)).Where(r => r.Features.All(float.IsFinite)).Select(r => r.Features).ToList();
            // Until the table holds data, the reference is the task's training population (the seed the first model is trained with).
            var reference = existing.Count >= 500 ? existing : CreditTask.Generate(5000, options.Seed).Select(e => e.Features).ToList();
            monitor = new DriftMonitor(CreditTask.FeatureNames, reference, new DriftMonitorOptions { WindowSize = options.DriftWindow, Seed = options.Seed }, timeProvider);
        }

        RegistryPublisher? registry = null;
        RetrainingService? retraining = null;
        if (options.Retraining)
        {
            registry = RegistryPublisher.For(options.RegistryUrl!, options.AdminToken!);
            retraining = new RetrainingService(store, monitor, registry, new RetrainingOptions
            {
                ModelName = options.ModelName,
                WorkFolder = Path.Combine(options.DataFolder, "retraining"),
                RetrainAfterNewRows = options.RetrainAfterNewRows,
                MinTrainingRows = options.MinTrainingRows,
                Cooldown = options.RetrainCooldown,
                Training = new StagedTrainingOptions { Seed = options.Seed, Checkpoints = options.Checkpoints, Stages = options.TrainingStages },
            }, timeProvider);
            if (monitor is not null)
            {
                retraining.Retrained += monitor.Rebase;
                retraining.PromotionRolledBack += () => monitor.RestorePrevious();
            }
        }

        var runtime = new PipelineRuntime(options, ingestor, store, table, monitor, retraining, registry)
        {
            CrashNow = crashNow ?? (message =>
            {
                LogCrash(logger, message);
                ProcessCrash.Now();
            }),
        };
        var http = new HttpMetrics("chaos_pipeline", timeProvider);
        var errors = new UnhandledErrorMiddleware(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<UnhandledErrorMiddleware>());
        app.Use(http.TrackAsync);
        app.Use(errors.InvokeAsync);
        new PipelineEndpoints(runtime, new PipelineMetrics(http, runtime), options.AdminToken is { Length: > 0 } token ? new AdminAuthorization(token) : null).Map(app);

        var server = StackServer.From(app, runtime);
        return retraining is null
            ? server
            : server.WithLoop(stopping => TriggerLoopAsync(retraining, options.CheckInterval, timeProvider, logger, stopping));
    }

    private static async Task TriggerLoopAsync(RetrainingService retraining, TimeSpan interval, TimeProvider timeProvider, ILogger logger, CancellationToken stopping)
    {
        try
        {
            if (await retraining.ResumeInterruptedAsync(stopping) is { } resumed)
            {
                LogRun(logger, resumed.RunId, resumed.Trigger, resumed.Promoted, resumed.Decision.Reason);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception.Message);
        }

        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    if (await retraining.FollowChampionAsync(stopping))
                    {
                        LogFollowing(logger);
                    }

                    if (await retraining.CheckTriggersAsync(stopping) is { } run)
                    {
                        LogRun(logger, run.RunId, run.Trigger, run.Promoted, run.Decision.Reason);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A failed run (registry down, too little data) is reported in /retraining and retried on the next tick.
                    LogFailed(logger, exception.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retraining run {RunId} ({Trigger}): promoted {Promoted}, {Reason}")]
    private static partial void LogRun(ILogger logger, string runId, string trigger, bool promoted, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "A champion promoted elsewhere is now watched on live labelled rows")]
    private static partial void LogFollowing(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogCrash(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retraining failed: {Message}")]
    private static partial void LogFailed(ILogger logger, string message);
}
