using Chaos.Stack.Hosting;

namespace Chaos.Stack.Controller;

/// <summary>Settings of the controller role; defaults match the command line's.</summary>
public sealed record ControllerOptions
{
    /// <summary>The run whose containers the controller may touch (label chaos.run); nothing else is ever touched.</summary>
    public required string RunId { get; init; }

    /// <summary>The role of the replicas it manages (label chaos.role, alias prefix).</summary>
    public string Role { get; init; } = "inference";

    public int MinReplicas { get; init; } = 2;

    /// <summary>
    /// A standby region's controller: <c>POST /activate</c> (a failover) raises the minimum to this. Until then it keeps only
    /// replicas up to <see cref="MinReplicas"/> (0: a cold standby, nothing running) and leaves parked ones stopped.
    /// </summary>
    public int? ActivateMinReplicas { get; init; }

    /// <summary>Bearer token <c>POST /activate</c> needs; null: the endpoint answers 404.</summary>
    public string? AdminToken { get; init; }

    public int MaxReplicas { get; init; } = 4;

    public bool SelfHealing { get; init; } = true;

    public bool Autoscaling { get; init; } = true;

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Minimum time between two scaling actions.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Mean in-flight requests per ready replica above which one replica is added.</summary>
    public double ScaleOutQueue { get; init; } = 8;

    /// <summary>The gateway in front of the replicas, read each interval for the share of attempts its bulkhead refused; null: not read.</summary>
    public Uri? GatewayUrl { get; init; }

    /// <summary>Share of the gateway's attempts refused as busy, 0 to 1, above which replicas are added.</summary>
    public double ScaleOutShed { get; init; } = 0.05;

    /// <summary>Interval p99 latency above which one replica is added.</summary>
    public TimeSpan ScaleOutLatency { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Mean requests waiting for a scoring slot per replica above which one replica is added.</summary>
    public double ScaleOutQueueDepth { get; init; } = 2;

    /// <summary>Mean accelerator utilisation (or its CPU stand-in), 0 to 1, above which one replica is added.</summary>
    public double ScaleOutUtilization { get; init; } = 0.85;

    /// <summary>Scale-in also needs the mean utilisation under this (hysteresis against the utilisation trigger).</summary>
    public double ScaleInUtilization { get; init; } = 0.3;

    /// <summary>Mean in-flight requests per ready replica below which one replica is removed.</summary>
    public double ScaleInQueue { get; init; } = 1;

    /// <summary>Scale-in also needs the p99 under this (hysteresis against the latency trigger); default half the scale-out latency.</summary>
    public TimeSpan? ScaleInLatency { get; init; }

    /// <summary>Consecutive intervals the scale-out signal must hold before acting (flapping protection).</summary>
    public int ScaleOutIntervals { get; init; } = 2;

    /// <summary>Consecutive intervals the scale-in signal must hold before acting (flapping protection).</summary>
    public int ScaleInIntervals { get; init; } = 3;

    /// <summary>Consecutive failed readiness probes after which a running replica counts as unready (and is replaced, if it answered them or is paused).</summary>
    public int UnreadyProbes { get; init; } = 3;

    /// <summary>
    /// Consecutive unanswered readiness probes (timeouts, refused connections) after which a running, unpaused replica is
    /// replaced. Longer than <see cref="UnreadyProbes"/>: such a replica may be alive and only overloaded, and replacing
    /// live replicas under a surge sheds the capacity the surge needs.
    /// </summary>
    public int UnansweredProbes { get; init; } = 10;

    /// <summary>After replacing an alias, do not replace it again for this long (stops a crash-looping replica from churning).</summary>
    public TimeSpan ReplaceBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for a new replica's <c>/v2/health/ready</c>.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Timeout of one readiness probe or metrics scrape.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public ReachMode Reach { get; init; } = ReachMode.Alias;

    public string DockerSocket { get; init; } = "/var/run/docker.sock";

    public ListenAddress Listen { get; init; } = ListenAddress.AllInterfaces(ListenAddress.DefaultPort);

    /// <summary>The scale-in latency bound in effect.</summary>
    public TimeSpan EffectiveScaleInLatency => ScaleInLatency ?? ScaleOutLatency / 2;

    /// <summary>Every inconsistency between the settings; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(RunId))
        {
            errors.Add("--run must name the run whose containers the controller manages.");
        }

        if (MinReplicas < (ActivateMinReplicas is null ? 1 : 0))
        {
            errors.Add($"--min must be at least 1 (0 only for a standby with --activate-min), got {MinReplicas}.");
        }

        if (ActivateMinReplicas is { } activated && (activated < Math.Max(1, MinReplicas) || activated > MaxReplicas))
        {
            errors.Add($"--activate-min ({activated}) must lie between --min ({MinReplicas}, and at least 1) and --max ({MaxReplicas}).");
        }

        if (ActivateMinReplicas is not null && string.IsNullOrEmpty(AdminToken))
        {
            errors.Add("--activate-min needs --admin-token: activation is an admin call, refused without the run's token.");
        }

        if (MaxReplicas < MinReplicas)
        {
            errors.Add($"--max ({MaxReplicas}) must be at least --min ({MinReplicas}).");
        }

        if (ScaleInQueue >= ScaleOutQueue)
        {
            errors.Add($"--scale-in-queue ({ScaleInQueue}) must be below --scale-out-queue ({ScaleOutQueue}), or the replica count flaps.");
        }

        if (ScaleInUtilization >= ScaleOutUtilization || ScaleOutUtilization > 1)
        {
            errors.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"--scale-in-utilization ({ScaleInUtilization}) must be below --scale-out-utilization ({ScaleOutUtilization}), which is at most 1."));
        }

        if (ScaleOutShed > 1)
        {
            errors.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"--scale-out-shed ({ScaleOutShed}) is a share of attempts, at most 1."));
        }

        if (EffectiveScaleInLatency >= ScaleOutLatency)
        {
            errors.Add($"--scale-in-latency ({EffectiveScaleInLatency.TotalMilliseconds}ms) must be below --scale-out-latency ({ScaleOutLatency.TotalMilliseconds}ms).");
        }

        return errors;
    }
}
