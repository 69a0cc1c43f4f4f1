using Chaos.Faults.NetworkProxy;

namespace Chaos.Faults.DependencySlow;

/// <summary>
/// <c>dependency.slow</c>: the model registry answers slowly to everything that reads it (replicas loading or following the
/// champion, the pipeline registering and promoting): the fault proxy between the registry and its readers
/// (<c>proxy-registry</c>) delays every response chunk by a delay drawn uniformly from [delay - jitter, delay + jitter].
/// Verified by the proxy's delayed-chunk counter; reverted to pass-through. Serving must not depend on it: a replica keeps
/// the model it has, and one that starts meanwhile loads late, not wrong.
/// </summary>
public sealed class DependencySlowFault : IFault
{
    public const string Name = "dependency.slow";

    public string Kind => Name;

    public string Description =>
        "The fault proxy between the registry and its readers (replicas, pipeline) delays each response chunk by delay ± jitter (uniform); verified by the proxy's counter; reverted to pass-through. Options: delay, jitter, duration. Target: { role: registry }.";

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
