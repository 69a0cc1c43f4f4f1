namespace Chaos.Faults.NetworkPartition;

/// <summary>
/// <c>network.partition</c>: cuts the targets off the run's own network (the engine disconnects them), so no other role
/// reaches them and they reach no one. Verified when the engine no longer lists the network on the targets; reverted
/// by connecting them again under the same alias (a target the stack replaced meanwhile is gone, which counts as reverted).
/// </summary>
public sealed class NetworkPartitionFault : IFault
{
    public const string Name = "network.partition";

    public string Kind => Name;

    public string Description =>
        "Cuts the targets off the run's network (engine disconnect): partitioned from every other role; verified by the engine; reverted by reconnecting under the same alias. Options: duration.";

    public async Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var network = context.Network ?? throw new FaultTargetException($"{Name} needs the run's network");
        var targets = context.ResolveTargets();
        await Task.WhenAll(targets.Select(t => context.Engine.DisconnectAsync(network, t.Id, cancellationToken)));
        var verified = await context.ObserveAsync(async () =>
            (await Task.WhenAll(targets.Select(t => context.Engine.NetworksOfAsync(t.Id, cancellationToken)))).All(n => n is not null && !n.Contains(network)),
            TimeSpan.FromSeconds(10), cancellationToken);
        return new FaultInjection(Name, targets.Select(t => t.Alias).ToList(), verified,
            verified ? $"engine lists the targets off {network}" : $"a target is still on {network} 10 s after the disconnect",
            async token =>
            {
                foreach (var target in targets)
                {
                    if (await context.Engine.NetworksOfAsync(target.Id, token) is { } networks && !networks.Contains(network))
                    {
                        await context.Engine.ConnectAsync(network, target.Id, target.Alias, token);
                    }
                }
                return await context.ObserveAsync(async () =>
                    (await Task.WhenAll(targets.Select(t => context.Engine.NetworksOfAsync(t.Id, token)))).All(n => n is null || n.Contains(network)),
                    TimeSpan.FromSeconds(10), token);
            });
    }
}
