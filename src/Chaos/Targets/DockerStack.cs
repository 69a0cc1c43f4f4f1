using System.Globalization;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chaos.Targets;

/// <summary>
/// The reference stack on the local engine: a gateway in front of inference replicas on a network of the run's own.
/// Every resource carries the project, run and owner labels; <see cref="DisposeAsync"/> removes them all.
/// </summary>
public sealed partial class DockerStack : IAsyncDisposable
{
    /// <summary>The port every stack role listens on inside its container.</summary>
    public const int ServicePort = 8080;
    /// <summary>Attempts a region gateway keeps outstanding per replica when the bulkhead is on (the gateway's own default).</summary>
    public const int BulkheadPerReplica = 8;
    /// <summary>
    /// Mean in-flight requests per replica above which the controller adds replicas: 75% of the gateway's bound, as Knative
    /// targets 70% of a container's concurrency limit. At the bound itself the signal would never fire: the gateway sheds
    /// the excess to the fallback, and the replicas never see more than the bound.
    /// </summary>
    public const int ScaleOutInFlight = 6;
    /// <summary>
    /// Mean in-flight requests per replica, with one replica fewer, under which the controller may remove one. A node held
    /// to a small CPU share runs one request at a time, so its in-flight count is close to its utilisation: with a bound of
    /// 1, four 0.1-CPU replicas at 0.68 each (0.91 on three) were scaled in at 60/s and the survivors shed 59% of the
    /// attempts 10 s later. 0.5 keeps the HPA's kind of headroom.
    /// </summary>
    public const double ScaleInInFlight = 0.5;
    private const string EngineSocket = "/var/run/docker.sock";
    private readonly DockerEngine _engine;
    private readonly StackOptions _options;
    private readonly List<IContainer> _containers = [];
    private readonly List<StackContainer> _members = [];
    private INetwork? _network;
    private StackContainer? _controller;
    private bool _detached;

    private DockerStack(DockerEngine engine, StackOptions options)
    {
        _engine = engine;
        _options = options;
    }

    /// <summary>The gateway's published port on 127.0.0.1.</summary>
    public Uri FrontDoor { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<StackContainer> Members
    {
        get
        {
            lock (_members)
            {
                return _members.ToList();
            }
        }
    }

    /// <summary>
    /// Re-reads the run's containers from the engine: a replica the controller replaced keeps its alias but has a new id
    /// and a new published port. Members the engine no longer has stay listed (a killed replica is still a member).
    /// </summary>
    public async Task RefreshMembersAsync(CancellationToken cancellationToken)
    {
        var containers = await _engine.ListContainersAsync(RunId, cancellationToken);
        lock (_members)
        {
            foreach (var container in containers)
            {
                var name = container.Names.FirstOrDefault()?.TrimStart('/') ?? "";
                var role = container.Labels.TryGetValue(ChaosLabels.Role, out var r) ? r : "";
                var alias = name.StartsWith($"chaos-{RunId}-", StringComparison.Ordinal) ? name[$"chaos-{RunId}-".Length..] : name;
                var port = container.Ports?.FirstOrDefault(p => p.PrivatePort == ServicePort && p.PublicPort != 0)?.PublicPort;
                if (port is null || string.IsNullOrEmpty(role))
                {
                    continue;
                }
                var member = new StackContainer(role, alias, name, container.ID, new Uri($"http://127.0.0.1:{port}/"))
                {
                    Region = container.Labels.TryGetValue(ChaosLabels.Region, out var region) ? region : Scenarios.KnownTargets.PrimaryRegion,
                };
                var index = _members.FindIndex(m => m.Alias == alias);
                if (index >= 0)
                {
                    _members[index] = member;
                }
                else
                {
                    _members.Add(member);
                }
            }
        }
    }

    public string RunId => _options.RunId;

    /// <summary>The run's own network: every member is on it under its alias.</summary>
    public string NetworkName => $"chaos-{RunId}";

    /// <summary>Starts replicas, then the gateway, each waited for on <c>/v2/health/ready</c>.</summary>
    public static async Task<DockerStack> StartAsync(DockerEngine engine, StackOptions options, CancellationToken cancellationToken)
    {
        // Ryuk cannot be pulled here (no registry): cleanup is ours, by label.
        TestcontainersSettings.ResourceReaperEnabled = false;
        // Wait strategies and probes go to the published ports on loopback, never to a bridge address.
        TestcontainersSettings.DockerHostOverride = "127.0.0.1";
        if (!await engine.ImageExistsAsync(options.Image, cancellationToken))
        {
            throw new EngineUnavailableException($"stack image {options.Image} is not built; run scripts/bootstrap.sh (./chaos does it for you)");
        }
        var stack = new DockerStack(engine, options);
        try
        {
            using var bringUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bringUp.CancelAfter(options.StartTimeout);
            await stack.StartMembersAsync(bringUp.Token);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    private async Task StartMembersAsync(CancellationToken cancellationToken)
    {
        _network = new NetworkBuilder()
            .WithLogger(NullLogger.Instance)
            .WithName(NetworkName)
            .WithLabel(ChaosLabels.Project, ChaosLabels.ProjectValue)
            .WithLabel(ChaosLabels.Run, RunId)
            .WithLabel(ChaosLabels.Owner, _options.Owner)
            .Build();
        await _network.CreateAsync(cancellationToken);

        // The registry first: every replica loads its model from it (champion alias), digest checked before loading.
        Registry = await StartRegistryAsync(cancellationToken);

        // Region b needs nothing of region a but its registry (it replicates from it): it comes up beside region a's roles.
        // If region a fails, region b's start is cancelled and awaited before the error goes on, so the teardown that follows
        // never races a container still being created.
        using var standbyStart = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var standby = _options.StandbyRegion ? StartStandbyRegionAsync(standbyStart.Token) : Task.CompletedTask;
        StackContainer gateway;
        try
        {
            gateway = await StartPrimaryRegionAsync(cancellationToken);
        }
        catch
        {
            await standbyStart.CancelAsync();
            try
            {
                await standby;
            }
            catch (Exception standbyError) when (standbyError is OperationCanceledException or Docker.DotNet.DockerApiException or TimeoutException or InvalidOperationException or HttpRequestException)
            {
                // Region a's error is the one to report; region b was only cut short.
            }
            throw;
        }

        await standby;
        FrontDoor = _options.StandbyRegion ? await StartFrontDoorAsync(cancellationToken) : gateway.HostUrl;
    }

    // Region a after its registry: replicas and the fallback side by side, the pipeline, the controller, proxies, the gateway.
    private async Task<StackContainer> StartPrimaryRegionAsync(CancellationToken cancellationToken)
    {
        if (_options.DependencyProxies)
        {
            await StartDependencyProxyAsync(cancellationToken);
        }
        var replicas = Enumerable.Range(1, _options.Variant.Replicas).Select(i => $"inference-{i}").ToList();
        List<string> fallback = [];
        List<Task<StackContainer>> serving = [.. replicas.Select(alias => StartAsync("inference", alias, InferenceCommand(alias, _options.ModelName), cancellationToken))];
        if (_options.Variant.Fallback)
        {
            // The simplified model on a replica of its own (role "fallback", so faults on role inference leave it alone).
            serving.Add(StartAsync("fallback", "inference-simple", InferenceCommand("inference-simple", _options.FallbackModelName), cancellationToken));
            fallback = ["--fallback-replicas", $"http://inference-simple:{ServicePort}", "--fallback-model", _options.FallbackModelName];
        }
        await Task.WhenAll(serving);

        if (_options.Pipeline)
        {
            Pipeline = await StartPipelineAsync(cancellationToken);
        }

        var controlled = _options.Variant.SelfHealing || _options.Variant.Autoscaling;
        if (controlled)
        {
            // The controller reaches the engine through the mounted socket and touches only containers with this run's labels.
            _controller = await StartAsync("controller", "controller", ControllerCommand(), cancellationToken, mountEngineSocket: true);
        }

        // With fault proxies (network.latency and its kin), the gateway reaches each replica through its proxy.
        var upstreams = _options.FaultProxies ? await StartFaultProxiesAsync(replicas, cancellationToken) : replicas.Select(r => $"http://{r}:{ServicePort}").ToList();
        var variant = _options.Variant;
        return await StartAsync("gateway", "gateway",
            ["gateway",
             "--replicas", string.Join(',', upstreams),
             "--model", _options.ModelName,
             "--port", $"{ServicePort}",
             "--retries", $"{variant.Retries}",
             "--circuit-breaker", Flag(variant.CircuitBreaker),
             "--attempt-timeout", $"{(int)_options.GatewayAttemptTimeout.TotalMilliseconds}ms",
             "--hedging", Flag(variant.Hedging),
             "--max-outstanding", MaxOutstanding(variant),
             "--fallback", Flag(variant.Fallback),
             .. fallback,
             "--admin-token", _options.AdminToken,
             "--region", Scenarios.KnownTargets.PrimaryRegion,
             // The gateway follows the controller's list of ready replicas: scale-out adds to its routing, scale-in removes.
             // Not with fault proxies: the controller lists the replicas' own addresses, which would route around the proxies
             // (a network.latency fault would then delay nothing but its own probe). Those runs keep the fixed proxy list.
             .. controlled && !_options.FaultProxies ? ["--controller", $"http://controller:{ServicePort}"] : Array.Empty<string>()],
            cancellationToken);
    }

    private static string Flag(bool on) => on ? "true" : "false";

    // The gateway's bound of outstanding attempts per replica; 0 switches the bulkhead off.
    private static string MaxOutstanding(StackVariant variant) => variant.Bulkhead ? $"{BulkheadPerReplica}" : "0";

    // Scaling reads the inference nodes' AI signals (p99 latency, queue depth, accelerator utilisation or its CPU stand-in),
    // never container CPU. Conservative on purpose: on a shared 2-core machine a new replica's start-up costs the CPU the
    // others need, so a short latency blip must not add one (3 intervals of p99 > 300 ms, or a queue, or saturation).
    private string[] ControllerCommand()
    {
        var variant = _options.Variant;
        var max = variant.Autoscaling ? Math.Max(variant.MaxReplicas, variant.Replicas) : variant.Replicas;
        return ["controller", "--run", RunId, "--role", "inference", "--min", $"{variant.Replicas}", "--max", $"{max}",
            "--self-healing", Flag(variant.SelfHealing), "--autoscaling", Flag(variant.Autoscaling), "--interval", "1s",
            "--cooldown", $"{(int)_options.ScalingCooldown.TotalMilliseconds}ms",
            "--scale-out-latency", $"{(int)_options.ScaleOutLatency.TotalMilliseconds}ms", "--scale-out-queue", $"{ScaleOutInFlight}", "--scale-out-queue-depth", "2", "--scale-out-utilization", "0.85",
            "--scale-in-queue", ScaleInInFlight.ToString(CultureInfo.InvariantCulture), "--scale-in-latency", $"{(int)(_options.ScaleOutLatency.TotalMilliseconds / 3)}ms", "--scale-in-utilization", "0.3",
            "--scale-out-intervals", $"{_options.ScaleOutIntervals}", "--scale-in-intervals", "3",
            // The gateway's bulkhead keeps excess demand away from the replicas; the controller reads what it refused.
            "--gateway", $"http://gateway:{ServicePort}", "--scale-out-shed", "0.05",
            "--port", $"{ServicePort}"];
    }

    /// <summary>The model registry of the run (alias <c>registry</c> on the run network), seeded with the image's trained models.</summary>
    public StackContainer? Registry { get; private set; }

    /// <summary>Where the registry keeps its store inside its container.</summary>
    public const string RegistryStore = "/tmp/registry";

    /// <summary>The registry's base URL on the run network, as the replicas see it.</summary>
    public const string RegistryNetworkUrl = "http://registry:8080";

    // The registry registers every model of the image's models.json (digest, lineage, training ranges) as champion at start.
    private Task<StackContainer> StartRegistryAsync(CancellationToken cancellationToken) =>
        StartAsync("registry", "registry",
            ["registry", "--store", RegistryStore, "--seed-from", "/models", "--port", $"{ServicePort}", "--admin-token", _options.AdminToken],
            cancellationToken);

    // A replica loads the champion from the registry; the run's token lets the harness ask it to reload (POST /admin/reload).
    private string[] InferenceCommand(string alias, string model, string? registry = null) =>
        ["inference", "--registry", registry ?? RegistryForReaders, "--model", model, "--port", $"{ServicePort}", "--name", alias,
         "--admin-token", _options.AdminToken,
         "--integrity-check", Flag(_options.Variant.IntegrityCheck),
         "--validation", Flag(_options.Variant.Validation),
         // A champion the pipeline promotes (or rolls back) reaches the replicas through the registry, verified like any reload.
         "--follow-champion", $"{(int)ChampionFollowInterval.TotalMilliseconds}ms"];

    /// <summary>The CFS period a fixed-size replica's CPU quota is granted over (the kernel's minimum quota is 1 ms, so 0.1 CPU at least).</summary>
    public const long CpuPeriodMicros = 10_000;

    /// <summary>How often each replica checks the registry's champion alias and rolls a new champion out to itself.</summary>
    public static readonly TimeSpan ChampionFollowInterval = TimeSpan.FromSeconds(2);

    /// <summary>Bearer token of the gateway's admin API for this run.</summary>
    public string AdminToken => _options.AdminToken;

    /// <summary>The model the fallback replica serves.</summary>
    public string FallbackModelName => _options.FallbackModelName;

    private async Task<StackContainer> StartAsync(string role, string alias, string[] command, CancellationToken cancellationToken, bool mountEngineSocket = false, int? extraPort = null,
        string region = Scenarios.KnownTargets.PrimaryRegion, IReadOnlyList<INetwork>? networks = null, string waitPath = "/v2/health/ready")
    {
        var builder = new ContainerBuilder(_options.Image);
        foreach (var network in networks ?? [_network!])
        {
            builder = builder.WithNetwork(network);
        }
        if (role is "inference" or "inference-b" && _options.Variant.ReplicaCpus is { } cpus)
        {
            // A fixed-size node: the controller's copies inherit the limit (it copies the host configuration). The quota is
            // granted per 10 ms period, not Docker's default 100 ms: a node of 0.1 CPU that spends its quota then stops for at
            // most 9 ms, like a slower core, instead of freezing for 90 ms, which timed out its probes and metric scrapes and
            // hid its queue from the controller (requests waited in the socket backlog, not in the scoring queue).
            builder = builder.WithCreateParameterModifier(p =>
            {
                var host = p.HostConfig ??= new HostConfig();
                host.CPUPeriod = CpuPeriodMicros;
                host.CPUQuota = (long)Math.Round(cpus * CpuPeriodMicros);
            });
        }
        if (mountEngineSocket)
        {
            builder = builder.WithBindMount(EngineSocket, EngineSocket);
        }
        if (extraPort is { } port)
        {
            builder = builder.WithPortBinding(port, assignRandomHostPort: true);
        }
        var container = builder
            .WithLogger(NullLogger.Instance)
            .WithName($"chaos-{RunId}-{alias}")
            .WithNetworkAliases(alias)
            .WithLabel(ChaosLabels.Project, ChaosLabels.ProjectValue)
            .WithLabel(ChaosLabels.Run, RunId)
            .WithLabel(ChaosLabels.Role, role)
            .WithLabel(ChaosLabels.Region, region)
            .WithLabel(ChaosLabels.Owner, _options.Owner)
            .WithCommand(command)
            .WithEnvironment("CHAOS_DISABLE_CUDA", Environment.GetEnvironmentVariable("CHAOS_DISABLE_CUDA") ?? "0")
            .WithPortBinding(ServicePort, assignRandomHostPort: true)
            .WithCreateParameterModifier(KeepTrafficLocal)
            .WithImagePullPolicy(_ => false)
            // Polled every 100 ms (Testcontainers' default is a second): bring-up is a chain of waits, each one's slack adds up.
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(ServicePort).ForPath(waitPath), w => w.WithInterval(ReadinessPoll)))
            .Build();
        lock (_containers)
        {
            _containers.Add(container);
        }
        await container.StartAsync(cancellationToken);
        var member = new StackContainer(role, alias, container.Name.TrimStart('/'), container.Id,
            new Uri($"http://127.0.0.1:{container.GetMappedPublicPort(ServicePort)}/")) { Region = region };
        lock (_members)
        {
            _members.Add(member);
        }
        return member;
    }

    private static readonly TimeSpan ReadinessPoll = TimeSpan.FromMilliseconds(100);

    // Published ports go to loopback only, whatever the daemon's default bind address is. And no name lookup may
    // leave the machine: the engine's resolver forwards unknown names (a killed replica's alias) to the host's
    // upstream servers, unreachable here, and each lookup then hangs for seconds. A loopback upstream fails at once.
    private static void KeepTrafficLocal(CreateContainerParameters parameters)
    {
        parameters.HostConfig ??= new HostConfig();
        parameters.HostConfig.DNS = ["127.0.0.1"];
        parameters.HostConfig.DNSOptions = ["timeout:1", "attempts:1"];
        foreach (var binding in parameters.HostConfig?.PortBindings?.Values.SelectMany(b => b) ?? [])
        {
            binding.HostIP = "127.0.0.1";
        }
    }

    /// <summary>Removes every container and network of the run; returns what could not be removed (empty when clean).</summary>
    public async Task<IReadOnlyList<string>> TeardownAsync()
    {
        // Cleanup must run even when the run was cancelled: use a fresh, bounded token.
        using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // The controller goes first: alive, it would bring back the replicas this teardown removes.
        foreach (var controller in new[] { _controller, _standbyController }.OfType<StackContainer>())
        {
            try
            {
                await _engine.KillAsync(controller.Id, cleanup.Token);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
            }
        }
        foreach (var container in _containers)
        {
            try
            {
                await container.DisposeAsync();
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The label sweep below removes what dispose could not.
            }
        }
        _containers.Clear();
        foreach (var network in new[] { _standbyNetwork, _network }.OfType<INetwork>())
        {
            try
            {
                await network.DeleteAsync(cleanup.Token);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
            }
        }
        _network = null;
        _standbyNetwork = null;
        return await _engine.RemoveRunAsync(RunId, cleanup.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_detached)
        {
            await TeardownAsync();
        }
    }

    /// <summary>Leaves the stack running after this object is gone (<c>chaos stack up</c>); <c>chaos stack down</c> removes it.</summary>
    public void Detach() => _detached = true;
}
