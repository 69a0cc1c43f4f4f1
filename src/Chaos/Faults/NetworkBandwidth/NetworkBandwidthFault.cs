using Chaos.Faults.NetworkProxy;

namespace Chaos.Faults.NetworkBandwidth;

/// <summary>
/// <c>network.bandwidth</c>: the fault proxy in front of each selected replica paces each direction of each connection at
/// a rate in bytes per second. Verified by the proxy's throttle counter; reverted to pass-through.
/// </summary>
public sealed class NetworkBandwidthFault : IFault
{
    public const string Name = "network.bandwidth";

    public string Kind => Name;

    public string Description =>
        "Fault proxy in front of the replica paces each direction of each connection at bandwidth bytes/s; verified by the proxy's counter; reverted to pass-through. Options: bandwidth, duration. Target: { role: inference }.";

    public Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var rate = context.Spec?.BytesPerSecond ?? throw new FaultTargetException($"{Name} needs a bandwidth in bytes per second");
        return ProxyFaultSwitch.InjectAsync(context, Name, "bandwidth", new Dictionary<string, object> { ["bytes_per_second"] = rate }, cancellationToken);
    }
}
