using Chaos.Faults.ContainerKill;
using Chaos.Faults.ContainerPause;
using Chaos.Faults.ContainerRestart;
using Chaos.Faults.ContainerStop;
using Chaos.Faults.DataDrift;
using Chaos.Faults.DataFeed;
using Chaos.Faults.DependencySlow;
using Chaos.Faults.GpuLoss;
using Chaos.Faults.ModelBadVersion;
using Chaos.Faults.ModelCorruptArtifact;
using Chaos.Faults.NetworkBandwidth;
using Chaos.Faults.NetworkLatency;
using Chaos.Faults.NetworkLoss;
using Chaos.Faults.NetworkPartition;
using Chaos.Faults.NetworkReset;
using Chaos.Faults.NetworkSlowClose;
using Chaos.Faults.NetworkTimeout;
using Chaos.Faults.PollyChaos;
using Chaos.Faults.RegionLoss;
using Chaos.Faults.RequestCorrupt;
using Chaos.Faults.ResourceCpu;
using Chaos.Faults.ResourceMemory;
using Chaos.Faults.StorageCrash;
using Chaos.Faults.TrainingKill;

namespace Chaos.Faults;

/// <summary>Fault kinds by the name scenarios use.</summary>
public static class FaultCatalog
{
    private static readonly IReadOnlyDictionary<string, Func<IFault>> Factories = new Dictionary<string, Func<IFault>>(StringComparer.Ordinal)
    {
        [ContainerKillFault.Name] = () => new ContainerKillFault(),
        [ContainerStopFault.Name] = () => new ContainerStopFault(),
        [ContainerPauseFault.Name] = () => new ContainerPauseFault(),
        [ContainerRestartFault.Name] = () => new ContainerRestartFault(),
        [PollyChaosFault.Name] = () => new PollyChaosFault(),
        [NetworkPartitionFault.Name] = () => new NetworkPartitionFault(),
        [NetworkLossFault.Name] = () => new NetworkLossFault(),
        [RequestCorruptFault.Name] = () => new RequestCorruptFault(),
        [DataDriftFault.Name] = () => new DataDriftFault(),
        [ModelCorruptArtifactFault.Name] = () => new ModelCorruptArtifactFault(),
        [ModelBadVersionFault.Name] = () => new ModelBadVersionFault(),
        [ResourceCpuFault.Name] = () => new ResourceCpuFault(),
        [ResourceMemoryFault.Name] = () => new ResourceMemoryFault(),
        [NetworkLatencyFault.Name] = () => new NetworkLatencyFault(),
        [NetworkBandwidthFault.Name] = () => new NetworkBandwidthFault(),
        [NetworkResetFault.Name] = () => new NetworkResetFault(),
        [NetworkTimeoutFault.Name] = () => new NetworkTimeoutFault(),
        [NetworkSlowCloseFault.Name] = () => new NetworkSlowCloseFault(),
        [StorageCrashFault.Name] = () => new StorageCrashFault(),
        [TrainingKillFault.Name] = () => new TrainingKillFault(),
        [RegionLossFault.Name] = () => new RegionLossFault(),
        [DataCorruptBatchFault.Name] = () => new DataCorruptBatchFault(),
        [DataSchemaChangeFault.Name] = () => new DataSchemaChangeFault(),
        [DataStaleFault.Name] = () => new DataStaleFault(),
        [GpuLossFault.Name] = () => new GpuLossFault(),
        [DependencySlowFault.Name] = () => new DependencySlowFault(),
    };

    public static IReadOnlyCollection<string> Kinds => (IReadOnlyCollection<string>)Factories.Keys;

    public static IFault Create(string kind) =>
        Factories.TryGetValue(kind, out var factory) ? factory() : throw new FaultTargetException($"unknown fault kind '{kind}'");
}
