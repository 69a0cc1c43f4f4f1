namespace Chaos.Faults.ContainerRestart;

/// <summary>
/// <c>container.restart</c>: stop and start again (SIGTERM, SIGKILL after 2 s), as a node rebooted under load.
/// Verified when the engine reports a new start time; nothing to revert.
/// </summary>
public sealed class ContainerRestartFault : IFault
{
    public const string Name = "container.restart";
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    public string Kind => Name;

    public string Description => "Restarts the targets (a rebooted node); verified when the engine reports a new start time; nothing to revert.";

    public async Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var targets = context.ResolveTargets();
        var before = await Task.WhenAll(targets.Select(t => context.Engine.StateAsync(t.Id, cancellationToken)));
        await Task.WhenAll(targets.Select(t => context.Engine.RestartAsync(t.Id, Grace, cancellationToken)));
        var verified = await context.ObserveAsync(async () =>
        {
            var after = await Task.WhenAll(targets.Select(t => context.Engine.StateAsync(t.Id, cancellationToken)));
            return after.Zip(before).All(p => p.First is { Running: true } now && now.StartedAt != p.Second?.StartedAt);
        }, TimeSpan.FromSeconds(15), cancellationToken);
        return new FaultInjection(Name, targets.Select(t => t.Alias).ToList(), verified,
            verified ? "engine reports the targets running with a new start time" : "a target has no new start time 15 s after the restart",
            _ => Task.FromResult(true));
    }
}
