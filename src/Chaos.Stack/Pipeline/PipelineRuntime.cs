using Chaos.Stack.Pipeline.Drift;
using Chaos.Stack.Pipeline.Retraining;
using Chaos.Stack.Pipeline.Table;

namespace Chaos.Stack.Pipeline;

/// <summary>The parts of a running pipeline, each null when its switch is off.</summary>
public sealed class PipelineRuntime(
    PipelineOptions options,
    BatchIngestor ingestor,
    IFeatureStore store,
    VersionedTable? table,
    DriftMonitor? monitor,
    RetrainingService? retraining,
    RegistryPublisher? registry) : IDisposable
{
    /// <summary>The options it runs with.</summary>
    public PipelineOptions Options => options;

    /// <summary>Validation, quarantine and commit of batches.</summary>
    public BatchIngestor Ingestor => ingestor;

    /// <summary>Where accepted rows live.</summary>
    public IFeatureStore Store => store;

    /// <summary>The transactional table; null in the <c>no-transactional-store</c> variant.</summary>
    public VersionedTable? Table => table;

    /// <summary>The drift monitor; null in the <c>no-drift-monitor</c> variant.</summary>
    public DriftMonitor? Monitor => monitor;

    /// <summary>Ends the process at once (<see cref="Hosting.ProcessCrash"/>), for the <c>training.kill</c> chaos hook; a test replaces it.</summary>
    public Action<string> CrashNow { get; init; } = _ => throw new InvalidOperationException("no crash hook");

    /// <summary>Retraining; null in the <c>no-retraining</c> variant.</summary>
    public RetrainingService? Retraining => retraining;

    /// <inheritdoc />
    public void Dispose()
    {
        ingestor.Dispose();
        (store as IDisposable)?.Dispose();
        retraining?.Dispose();
        registry?.Dispose();
    }
}
