namespace Chaos.Faults.ContainerPause;

/// <summary>
/// <c>container.pause</c>: freezes the targets' processes (cgroup freezer): a hung node that still holds its
/// connections and answers nothing. Verified when the engine reports them paused; reverted by unpausing (a paused
/// container the stack replaced meanwhile is gone, which also counts as reverted).
/// </summary>
public sealed class ContainerPauseFault : IFault
{
    public const string Name = "container.pause";

    public string Kind => Name;

    public string Description =>
        "Freezes the targets (a hung node: connections open, no answers); verified when the engine reports them paused; reverted by unpausing. Options: duration.";

    public async Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var targets = context.ResolveTargets();
        await Task.WhenAll(targets.Select(t => context.Engine.PauseAsync(t.Id, cancellationToken)));
        var verified = await context.ObserveTargetsAsync(targets, s => s is { Paused: true }, TimeSpan.FromSeconds(10), cancellationToken);
        return new FaultInjection(Name, targets.Select(t => t.Alias).ToList(), verified,
            verified ? "engine reports the targets paused" : "a target is not paused 10 s after the pause",
            async token =>
            {
                foreach (var target in targets)
                {
                    if (await context.Engine.StateAsync(target.Id, token) is { Paused: true })
                    {
                        await context.Engine.UnpauseAsync(target.Id, token);
                    }
                }
                return await context.ObserveTargetsAsync(targets, s => s is null || !s.Paused, TimeSpan.FromSeconds(10), token);
            });
    }
}
