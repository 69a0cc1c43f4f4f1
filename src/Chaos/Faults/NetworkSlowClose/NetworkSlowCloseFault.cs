using Chaos.Faults.NetworkProxy;

namespace Chaos.Faults.NetworkSlowClose;

/// <summary>
/// <c>network.slow-close</c>: the fault proxy in front of each selected replica passes a close from one side to the other
/// only after a delay (half-closed connections linger). Verified by the proxy's held-close counter; reverted to pass-through.
/// </summary>
public sealed class NetworkSlowCloseFault : IFault
{
    public const string Name = "network.slow-close";

    public string Kind => Name;

    public string Description =>
        "Fault proxy in front of the replica holds each connection close for delay before passing it on; verified by the proxy's counter; reverted to pass-through. Options: delay, duration. Target: { role: inference }.";

    public Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var delay = context.Spec?.Delay ?? throw new FaultTargetException($"{Name} needs a delay");
        return ProxyFaultSwitch.InjectAsync(context, Name, "slow-close", new Dictionary<string, object> { ["close_delay_ms"] = Math.Round(delay.TotalMilliseconds, 3) }, cancellationToken);
    }
}
