namespace Chaos.Targets;

/// <summary>What to bring up: which image, which variant, for which run.</summary>
public sealed record StackOptions(string Image, string RunId, StackVariant Variant)
{
    /// <summary>Client-side bound on bring-up, so a broken image cannot hang a CI job.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Per-attempt timeout of the gateway's resilience pipeline.</summary>
    public TimeSpan GatewayAttemptTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    public string ModelName { get; init; } = "credit";

    /// <summary>Minimum time between two scaling actions of the controller.</summary>
    public TimeSpan ScalingCooldown { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Replica-side p99 above which (for <see cref="ScaleOutIntervals"/> intervals) the controller adds a replica.</summary>
    public TimeSpan ScaleOutLatency { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Consecutive one-second intervals a scale-out signal must hold.</summary>
    public int ScaleOutIntervals { get; init; } = 3;

    /// <summary>The simplified model the fallback replica serves.</summary>
    public string FallbackModelName { get; init; } = "credit-simple";

    /// <summary>Bearer token of the gateway's admin API (Polly chaos strategies), new for every run.</summary>
    public string AdminToken { get; init; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>Puts a TCP fault proxy (role <c>proxy</c>) in front of every inference replica, for the proxy fault kinds.</summary>
    public bool FaultProxies { get; init; }

    /// <summary>
    /// Puts a TCP fault proxy (<c>proxy-registry</c>) between the registry and everything that reads it (replicas, pipeline),
    /// for <c>dependency.slow</c>; the harness's own registry calls go direct.
    /// </summary>
    public bool DependencyProxies { get; init; }

    /// <summary>Brings up region b too: a warm standby (registry replica, one warm replica, gateway, standby controller) behind a front door.</summary>
    public bool StandbyRegion { get; init; }

    /// <summary>Starts the data and ML pipeline (role <c>pipeline</c>): for scenarios with data faults or data SLOs.</summary>
    public bool Pipeline { get; init; }

    /// <summary>Owner label: this process (removed at its end, reaped if it dies), or detached (<c>chaos stack up</c>).</summary>
    public string Owner { get; init; } = OwnerProcess.Current;
}
