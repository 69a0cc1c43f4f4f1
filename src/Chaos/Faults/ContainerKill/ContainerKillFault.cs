namespace Chaos.Faults.ContainerKill;

/// <summary>
/// <c>container.kill</c>: SIGKILL to the target containers, as a crashed node. Verified when the engine reports them
/// stopped. There is nothing to revert: bringing a node back is the stack's job (self-healing), and teardown removes it.
/// </summary>
public sealed class ContainerKillFault : IFault
{
    public const string Name = "container.kill";
    private static readonly TimeSpan VerifyWithin = TimeSpan.FromSeconds(10);

    public string Kind => Name;

    public string Description =>
        "SIGKILL to the target containers (a crashed node); verified when the engine reports them stopped; nothing to revert (recovery is the stack's job). Target: { role: inference|gateway, pick: one|all }.";

    public async Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var targets = context.ResolveTargets();
        foreach (var target in targets)
        {
            await context.Engine.KillAsync(target.Id, cancellationToken);
        }

        var start = context.Time.GetTimestamp();
        var verified = await context.ObserveTargetsAsync(targets, s => s is null || !s.Running, VerifyWithin, cancellationToken);
        var observation = verified
            ? $"engine reports {string.Join(", ", targets.Select(t => t.Alias))} not running after {context.Time.GetElapsedTime(start).TotalMilliseconds:F0} ms"
            : $"a target still runs {VerifyWithin.TotalSeconds:F0} s after the kill";
        return new FaultInjection(Name, targets.Select(t => t.Alias).ToList(), verified, observation, _ => Task.FromResult(true));
    }
}
