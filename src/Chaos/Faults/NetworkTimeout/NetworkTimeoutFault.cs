using Chaos.Faults.NetworkProxy;

namespace Chaos.Faults.NetworkTimeout;

/// <summary>
/// <c>network.timeout</c>: the fault proxy in front of each selected replica becomes a black hole: connections are accepted,
/// their bytes dropped, nothing answered, so callers time out. Verified by the proxy's black-hole counter; reverted to pass-through.
/// </summary>
public sealed class NetworkTimeoutFault : IFault
{
    public const string Name = "network.timeout";

    public string Kind => Name;

    public string Description =>
        "Fault proxy in front of the replica black-holes connections (accepted, never answered: callers time out); verified by the proxy's counter; reverted to pass-through. Options: duration. Target: { role: inference }.";

    public Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken) =>
        ProxyFaultSwitch.InjectAsync(context, Name, "timeout", new Dictionary<string, object>(), cancellationToken);
}
