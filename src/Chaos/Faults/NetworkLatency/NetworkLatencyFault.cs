using Chaos.Faults.NetworkProxy;

namespace Chaos.Faults.NetworkLatency;

/// <summary>
/// <c>network.latency</c>: the fault proxy in front of each selected replica delays every response chunk by a delay drawn
/// uniformly from [delay - jitter, delay + jitter]. Verified by the proxy's delayed-chunk counter; reverted to pass-through.
/// </summary>
public sealed class NetworkLatencyFault : IFault
{
    public const string Name = "network.latency";

    public string Kind => Name;

    public string Description =>
        "Fault proxy in front of the replica delays each response chunk by delay ± jitter (uniform); verified by the proxy's counter; reverted to pass-through. Options: delay, jitter, duration. Target: { role: inference }.";

    public Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var spec = context.Spec ?? throw new FaultTargetException($"{Name} needs its delay from the scenario");
        var delay = spec.Delay ?? throw new FaultTargetException($"{Name} needs a delay");
        var jitter = spec.Jitter ?? TimeSpan.Zero;
        return ProxyFaultSwitch.InjectAsync(context, Name, "latency", new Dictionary<string, object>
        {
            ["latency_ms"] = Math.Round(delay.TotalMilliseconds, 3),
            ["jitter_ms"] = Math.Round(jitter.TotalMilliseconds, 3),
        }, cancellationToken);
    }
}
