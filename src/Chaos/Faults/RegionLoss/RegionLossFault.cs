using Chaos.Targets;

namespace Chaos.Faults.RegionLoss;

/// <summary>
/// <c>region.loss</c>: a whole region gone at once, in the middle of a release. First a release is published to the region's
/// registry (<see cref="PublishedVersions"/> new versions of the model, the champion's bytes under new lineage), then, after
/// <see cref="ReplicationLead"/>, every container of the region is killed together and the members of the other region and the
/// front door lose their links to its network. The RPO compares what the lost registry held with what the survivor holds after.
/// Verified when the engine reports every container of the region stopped and every cross-region link cut; reverted by
/// restoring the links and starting the region again in dependency order, waiting for each container to answer ready.
/// </summary>
public sealed class RegionLossFault : IFault
{
    public const string Name = "region.loss";

    /// <summary>Versions published to the region's registry right before it is lost.</summary>
    public const int PublishedVersions = 2;

    /// <summary>Time between the release and the loss: what asynchronous replication gets to copy it.</summary>
    public static readonly TimeSpan ReplicationLead = TimeSpan.FromSeconds(3);

    private const string Model = "credit";
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(60);

    public string Kind => Name;

    public string Description =>
        $"Publishes {PublishedVersions} model versions to the region's registry, {ReplicationLead.TotalSeconds:0} s later kills every container of the region at once and cuts the front door's and the other region's links to its network; the RPO compares the lost registry's versions with the survivor's; verified when the engine reports every container of the region stopped and every link cut; reverted by restoring the links and starting the region again (registry, replicas, gateway, controller). Needs stack.regions [a, b]. Target: {{ region: a }}.";

    public async Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var client = context.Client ?? throw new FaultTargetException($"{Name} needs an HTTP client");
        if (context.Selector.Region is not { } region || context.Selector.Role.Length > 0)
        {
            throw new FaultTargetException($"{Name} loses a whole region: its target must be {{ region: a }} (or b), without a role");
        }
        var lost = context.Members.Where(m => m.Region == region).ToList();
        var elsewhere = context.Members.Where(m => m.Region != region).ToList();
        if (lost.Count == 0 || !elsewhere.Any(m => m.Region != StackContainer.GlobalRegion))
        {
            throw new FaultTargetException($"{Name} needs a stack with two regions (stack.regions: [a, b]); this run has no region {region} or none to fail over to");
        }
        var registry = lost.FirstOrDefault(IsRegistry) ?? throw new FaultTargetException($"region {region} has no registry");
        var survivor = elsewhere.FirstOrDefault(IsRegistry) ?? throw new FaultTargetException($"no region but {region} has a registry");

        // A release in progress: new versions in the region's registry, not promoted.
        var began = context.Time.GetTimestamp();
        var champion = await RegistryApi.ChampionAsync(client, registry.HostUrl, Model, cancellationToken)
            ?? throw new FaultTargetException($"the registry of region {region} names no champion of {Model}");
        var (metadata, artifact) = await RegistryApi.VersionAsync(client, registry.HostUrl, Model, champion, cancellationToken);
        var published = new List<string>();
        for (var i = 1; i <= PublishedVersions; i++)
        {
            published.Add(await RegistryApi.RegisterAsync(client, registry.HostUrl, Model, artifact, metadata,
                $"{Name}: release {i} of {PublishedVersions}, published {ReplicationLead.TotalSeconds:0} s before the region is lost", context.AdminToken, cancellationToken));
        }
        await Task.Delay(ReplicationLead, context.Time, cancellationToken);
        context.Replication?.PrimaryHeld(await RegistryApi.VersionIdsAsync(client, registry.HostUrl, cancellationToken));
        var effectDelay = context.Time.GetElapsedTime(began);

        // The loss: every container of the region at once, then every link into its network from the other region. The front
        // door is global (it stands for a service outside both regions) and keeps its link: what it finds there is gone.
        // (Disconnecting it would also take its published port, which Docker forwards over its first network.)
        var network = region == Scenarios.KnownTargets.PrimaryRegion ? context.Network : $"{context.Network}-{region}";
        var links = new List<StackContainer>();
        foreach (var member in elsewhere.Where(m => m.Region != StackContainer.GlobalRegion))
        {
            if (network is not null && await context.Engine.NetworksOfAsync(member.Id, cancellationToken) is { } networks && networks.Contains(network))
            {
                links.Add(member);
            }
        }
        await Task.WhenAll(lost.Select(m => context.Engine.KillAsync(m.Id, cancellationToken)));
        await Task.WhenAll(links.Select(m => context.Engine.DisconnectAsync(network!, m.Id, cancellationToken)));

        var stopped = await context.ObserveTargetsAsync(lost, s => s is null || !s.Running, TimeSpan.FromSeconds(10), cancellationToken);
        var cut = await context.ObserveAsync(async () =>
        {
            foreach (var member in links)
            {
                if (await context.Engine.NetworksOfAsync(member.Id, cancellationToken) is { } networks && networks.Contains(network!))
                {
                    return false;
                }
            }
            return true;
        }, TimeSpan.FromSeconds(10), cancellationToken);
        var verified = stopped && cut;
        return new FaultInjection(Name, lost.Select(m => m.Alias).ToList(), verified,
            verified
                ? $"region {region} lost: {lost.Count} containers killed, {links.Count} links into {network} cut ({string.Join(", ", links.Select(l => l.Alias))}); {Model} v{string.Join(", v", published)} published {ReplicationLead.TotalSeconds:0} s before"
                : stopped ? $"region {region}'s containers stopped, but a link into {network} remained 10 s after the cut" : $"a container of region {region} still runs 10 s after the kill",
            async revertCancellation =>
            {
                try
                {
                    // Its published port as the engine has it now (a network change can move it).
                    var survivorUrl = await context.Engine.PublishedPortAsync(survivor.Id, DockerStack.ServicePort, revertCancellation) is { } port
                        ? new Uri($"http://127.0.0.1:{port}/")
                        : survivor.HostUrl;
                    context.Replication?.StandbyHeld(await RegistryApi.VersionIdsAsync(client, survivorUrl, revertCancellation));
                }
                catch (HttpRequestException)
                {
                    // The survivor's registry did not answer: the RPO stays without data rather than guessed.
                }
                foreach (var member in links)
                {
                    if (await context.Engine.NetworksOfAsync(member.Id, revertCancellation) is { } networks && !networks.Contains(network!))
                    {
                        await context.Engine.ConnectAsync(network!, member.Id, member.Alias, revertCancellation);
                    }
                }
                // Dependency order: the registry (replicas load from it), the replicas and their kin, the gateway, and the
                // controller last, so it finds its replicas running instead of replacing them.
                var ready = true;
                foreach (var wave in lost.GroupBy(StartOrder).OrderBy(g => g.Key))
                {
                    var results = await Task.WhenAll(wave.Select(m => ContainerReady.StartAndWaitAsync(context, client, m, ReadyWithin, revertCancellation)));
                    ready &= results.All(r => r);
                }
                return ready;
            })
        {
            EffectDelay = effectDelay,
        };
    }

    private static bool IsRegistry(StackContainer member) => member.Role is "registry" or "registry-b";

    private static int StartOrder(StackContainer member) => member.Role switch
    {
        "registry" or "registry-b" => 0,
        "gateway" or "gateway-b" => 2,
        "controller" or "controller-b" => 3,
        _ => 1,
    };
}
