using Chaos.Targets;

namespace Chaos.Faults.RegionLoss;

/// <summary>
/// <c>region.loss</c>: a whole region gone at once, in the middle of a release. First a release is published to the region's
/// registry (<see cref="PublishedVersions"/> new versions of the model, the champion's bytes under new lineage), then, after
/// <see cref="ReplicationLead"/>, every container of the region is killed (its controller first, so it cannot heal the rest) and
/// the members of the other region lose their links to its network. The RPO compares what the lost registry held with what the survivor holds after.
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
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(45);

    public string Kind => Name;

    public string Description =>
        $"Publishes {PublishedVersions} model versions to the region's registry, {ReplicationLead.TotalSeconds:0} s later kills every container of the region (its controller first) and cuts the other region's links to its network (the front door keeps its own and finds nothing there); the RPO compares the lost registry's versions with the survivor's; verified when the engine reports every container of the region stopped and every link cut; reverted by restoring the links and starting the region again (registry, replicas, gateway, controller). Needs stack.regions [a, b]. Target: {{ region: a }}.";

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
        // From here on nothing is cancelled half-way and nothing throws: whatever was done is handed back for its revert. The
        // region's controller goes first, so it cannot replace what is killed next; then the rest of the region at once.
        var controllers = lost.Where(IsController).ToList();
        await KillAsync(context, controllers);
        await context.ObserveTargetsAsync(controllers, s => s is null || !s.Running, TimeSpan.FromSeconds(5), cancellationToken);
        await KillAsync(context, lost.Except(controllers));
        await Task.WhenAll(links.Select(async m =>
        {
            try
            {
                await context.Engine.DisconnectAsync(network!, m.Id, CancellationToken.None);
            }
            catch (Docker.DotNet.DockerApiException)
            {
                // Not connected any more, or gone: the check below sees whether the link is cut.
            }
        }));

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
                    using var read = CancellationTokenSource.CreateLinkedTokenSource(revertCancellation);
                    read.CancelAfter(TimeSpan.FromSeconds(10));
                    // Its published port as the engine has it now (a network change can move it).
                    var survivorUrl = await context.Engine.PublishedPortAsync(survivor.Id, DockerStack.ServicePort, read.Token) is { } port
                        ? new Uri($"http://127.0.0.1:{port}/")
                        : survivor.HostUrl;
                    context.Replication?.StandbyHeld(await RegistryApi.VersionIdsAsync(client, survivorUrl, read.Token));
                }
                catch (Exception exception) when (!revertCancellation.IsCancellationRequested
                    && exception is HttpRequestException or Docker.DotNet.DockerApiException or System.Text.Json.JsonException or OperationCanceledException)
                {
                    // The survivor's registry did not answer: the RPO stays without data rather than guessed, and the revert goes on.
                }
                var ready = true;
                foreach (var member in links)
                {
                    try
                    {
                        if (await context.Engine.NetworksOfAsync(member.Id, revertCancellation) is { } networks && !networks.Contains(network!))
                        {
                            await context.Engine.ConnectAsync(network!, member.Id, member.Alias, revertCancellation);
                        }
                    }
                    catch (Docker.DotNet.DockerApiException)
                    {
                        ready = false;
                    }
                }
                // Dependency order: the registry (replicas load from it), the replicas and their kin, the gateway, and the
                // controller last, so it finds its replicas running instead of replacing them.
                foreach (var wave in lost.GroupBy(StartOrder).OrderBy(g => g.Key))
                {
                    var results = await Task.WhenAll(wave.Select(m => StartAsync(context, client, m, revertCancellation)));
                    ready &= results.All(started => started);
                }
                return ready;
            })
        {
            EffectDelay = effectDelay,
            // Four waves, each waiting for its containers to answer ready.
            RevertBudget = ReadyWithin * 4,
        };
    }

    private static async Task KillAsync(FaultContext context, IEnumerable<StackContainer> members) =>
        await Task.WhenAll(members.Select(async m =>
        {
            try
            {
                await context.Engine.KillAsync(m.Id, CancellationToken.None);
            }
            catch (Docker.DotNet.DockerApiException)
            {
                // Already stopped or gone: the observation below decides whether the region is down.
            }
        }));

    private static async Task<bool> StartAsync(FaultContext context, HttpClient client, StackContainer member, CancellationToken cancellationToken)
    {
        try
        {
            return await ContainerReady.StartAndWaitAsync(context, client, member, ReadyWithin, cancellationToken) is not null;
        }
        catch (Docker.DotNet.DockerApiException)
        {
            // Removed behind the run's back: not restored, and the other containers of its wave still are.
            return false;
        }
    }

    private static bool IsController(StackContainer member) => member.Role is "controller" or "controller-b";

    private static bool IsRegistry(StackContainer member) => member.Role is "registry" or "registry-b";

    private static int StartOrder(StackContainer member) => member.Role switch
    {
        "registry" or "registry-b" => 0,
        "gateway" or "gateway-b" => 2,
        "controller" or "controller-b" => 3,
        _ => 1,
    };
}
