using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Networks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chaos.Targets;

/// <summary>
/// Region b, the paired region with a warm standby, on a network of its own: a registry that replicates region a's, one
/// warm inference replica loading from it, a gateway, and a standby controller that scales the region up when the front
/// door first sends it traffic. The front door (a gateway with priority routing) sits on both networks and routes to
/// region a's gateway while it answers, else to region b's. Region b's roles carry a <c>-b</c> suffix, so a fault on a
/// role of region a never reaches the standby; <c>target: { region: b }</c> reaches them.
/// </summary>
public sealed partial class DockerStack
{
    /// <summary>Role of the front door (region <see cref="StackContainer.GlobalRegion"/>).</summary>
    public const string FrontDoorRole = "frontdoor";

    /// <summary>Inference replicas the standby region runs once a failover activated it.</summary>
    public const int StandbyActiveReplicas = 2;

    /// <summary>The standby region's registry, as its members reach it.</summary>
    public const string StandbyRegistryUrl = "http://registry-b:8080";

    private INetwork? _standbyNetwork;

    /// <summary>Region b's network.</summary>
    public string StandbyNetworkName => $"chaos-{RunId}-b";

    /// <summary>The role of a region-b member: the region-a role with the region's suffix.</summary>
    public static string StandbyRole(string role) => $"{role}-{Scenarios.KnownTargets.StandbyRegion}";

    // Region a's registry is up (region b's replicates it); region a's other roles start meanwhile.
    private async Task StartStandbyRegionAsync(CancellationToken cancellationToken)
    {
        const string b = Scenarios.KnownTargets.StandbyRegion;
        _standbyNetwork = new NetworkBuilder()
            .WithLogger(NullLogger.Instance)
            .WithName(StandbyNetworkName)
            .WithLabel(ChaosLabels.Project, ChaosLabels.ProjectValue)
            .WithLabel(ChaosLabels.Run, RunId)
            .WithLabel(ChaosLabels.Owner, _options.Owner)
            .Build();
        await _standbyNetwork.CreateAsync(cancellationToken);
        var variant = _options.Variant;
        IReadOnlyList<INetwork> regionB = [_standbyNetwork];
        // The registry replica reaches the primary over region a's network (the inter-region link a region.loss cuts).
        // Without geo-replication it is seeded from the image, like the primary at start, and then never hears of a new version.
        string[] source = variant.GeoReplication ? ["--replicate-from", RegistryNetworkUrl, "--replicate-interval", "1s"] : ["--seed-from", "/models"];
        await StartAsync(StandbyRole("registry"), "registry-b",
            ["registry", "--store", RegistryStore, "--port", $"{ServicePort}", "--admin-token", _options.AdminToken, .. source],
            cancellationToken, region: b, networks: [_standbyNetwork, _network!]);

        var inference = StandbyRole("inference");
        var replica = $"{inference}-1";
        var warm = await StartAsync(inference, replica, InferenceCommand(replica, _options.ModelName, StandbyRegistryUrl), cancellationToken, region: b, networks: regionB);
        if (!variant.WarmStandby)
        {
            // A cold standby: the replica exists (its configuration is the blueprint) but is parked, stopped, until a failover.
            await _engine.StopAsync(warm.Id, TimeSpan.FromSeconds(2), cancellationToken);
        }

        _standbyController = await StartAsync(StandbyRole("controller"), "controller-b",
            ["controller", "--run", RunId, "--role", inference, "--min", variant.WarmStandby ? "1" : "0", "--max", $"{StandbyActiveReplicas}",
             "--activate-min", $"{StandbyActiveReplicas}", "--admin-token", _options.AdminToken,
             "--self-healing", "true", "--autoscaling", "false", "--interval", "1s", "--port", $"{ServicePort}"],
            cancellationToken, mountEngineSocket: true, region: b, networks: regionB);

        await StartAsync(StandbyRole("gateway"), "gateway-b",
            ["gateway", "--replicas", $"http://{replica}:{ServicePort}", "--model", _options.ModelName, "--port", $"{ServicePort}",
             "--retries", $"{variant.Retries}", "--circuit-breaker", Flag(variant.CircuitBreaker),
             "--attempt-timeout", $"{(int)_options.GatewayAttemptTimeout.TotalMilliseconds}ms", "--hedging", Flag(variant.Hedging),
             // No bulkhead in the standby region: a failover sends it region a's whole burst at once, onto one replica just
             // activated, and its only fallback is a cache. Refusing there turned queueing into 503s and opened the front
             // door's breaker on its last region (region-loss, availability 82.1%, in a CI rehearsal).
             "--max-outstanding", "0",
             // The simplified-model replica lives in region a; region b's fallback is its cache of recent answers.
             "--fallback", Flag(variant.Fallback), "--admin-token", _options.AdminToken, "--region", b,
             "--controller", $"http://controller-b:{ServicePort}"],
            // A cold standby's gateway has no replica to be ready with until a failover starts one: wait until it is live.
            cancellationToken, region: b, networks: regionB, waitPath: variant.WarmStandby ? "/v2/health/ready" : "/v2/health/live");
    }

    // Both regions are up (their gateways answer); returns the front door's published address.
    private async Task<Uri> StartFrontDoorAsync(CancellationToken cancellationToken)
    {
        var variant = _options.Variant;

        // The front door tries region a first and retries in region b; its attempt timeout outlasts a region gateway's own
        // retries (every attempt timing out, plus backoff), so a slow region a is not mistaken for a lost one: a lost region
        // fails fast (its gateway's name no longer resolves). No hedging and no fallback of its own: the regions have theirs.
        var frontDoor = await StartAsync(FrontDoorRole, FrontDoorRole,
            ["gateway", "--replicas", $"http://gateway:{ServicePort},http://gateway-b:{ServicePort}", "--routing", "priority",
             "--model", _options.ModelName, "--port", $"{ServicePort}", "--retries", "2", "--circuit-breaker", "true",
             "--attempt-timeout", $"{(int)FrontDoorAttemptTimeout(_options.GatewayAttemptTimeout, variant.Retries).TotalMilliseconds}ms", "--hedging", "false", "--fallback", "false",
             // No bound per region either: a region gateway bounds its own replicas and sheds to its own fallback.
             "--max-outstanding", "0",
             "--standby-activation", $"http://controller-b:{ServicePort}", "--admin-token", _options.AdminToken],
            cancellationToken, region: StackContainer.GlobalRegion, networks: [_network!, _standbyNetwork!]);
        return frontDoor.HostUrl;
    }

    /// <summary>
    /// The front door's per-attempt timeout: a region that answers nothing for this long is failed over. It outlasts the
    /// region gateway's whole budget, every attempt timing out (<paramref name="retries"/> + 1 of them), plus half a second
    /// for its backoff (under 250 ms for 3 retries from 25 ms) and the hop.
    /// </summary>
    public static TimeSpan FrontDoorAttemptTimeout(TimeSpan gatewayAttemptTimeout, int retries) =>
        gatewayAttemptTimeout * (retries + 1) + TimeSpan.FromMilliseconds(500);

    private StackContainer? _standbyController;
}
