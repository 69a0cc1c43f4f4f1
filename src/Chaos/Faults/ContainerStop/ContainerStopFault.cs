namespace Chaos.Faults.ContainerStop;

/// <summary>
/// <c>container.stop</c>: a graceful stop (SIGTERM, then SIGKILL after 2 s), as a node drained for maintenance. Verified
/// when the engine reports the targets stopped; reverted by starting them again unless the stack replaced them already.
/// </summary>
public sealed class ContainerStopFault : IFault
{
    public const string Name = "container.stop";
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    public string Kind => Name;

    public string Description =>
        "Graceful stop (SIGTERM, SIGKILL after 2 s); verified when the engine reports the targets stopped; reverted by starting them again (if the stack has not replaced them). Options: duration.";

    public async Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var targets = context.ResolveTargets();
        await Task.WhenAll(targets.Select(t => context.Engine.StopAsync(t.Id, Grace, cancellationToken)));
        var verified = await context.ObserveTargetsAsync(targets, s => s is null || !s.Running, TimeSpan.FromSeconds(10), cancellationToken);
        return new FaultInjection(Name, targets.Select(t => t.Alias).ToList(), verified,
            verified ? "engine reports the targets stopped" : "a target still runs 10 s after the stop",
            async token =>
            {
                foreach (var target in targets)
                {
                    if (await context.Engine.StateAsync(target.Id, token) is { Running: false })
                    {
                        await context.Engine.StartAsync(target.Id, token);
                    }
                }
                return await context.ObserveTargetsAsync(targets, s => s is null || s.Running, TimeSpan.FromSeconds(10), token);
            });
    }
}
