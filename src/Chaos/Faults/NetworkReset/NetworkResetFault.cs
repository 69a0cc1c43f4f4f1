using Chaos.Faults.NetworkProxy;

namespace Chaos.Faults.NetworkReset;

/// <summary>
/// <c>network.reset</c>: the fault proxy in front of each selected replica resets (TCP RST) new connections and open ones
/// on their next chunk: callers see ECONNRESET. Verified by the proxy's reset counter; reverted to pass-through.
/// </summary>
public sealed class NetworkResetFault : IFault
{
    public const string Name = "network.reset";

    public string Kind => Name;

    public string Description =>
        "Fault proxy in front of the replica resets connections (RST: ECONNRESET); verified by the proxy's counter; reverted to pass-through. Options: duration. Target: { role: inference }.";

    public Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken) =>
        ProxyFaultSwitch.InjectAsync(context, Name, "reset", new Dictionary<string, object>(), cancellationToken);
}
