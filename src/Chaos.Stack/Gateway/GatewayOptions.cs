using Chaos.Stack.Hosting;

namespace Chaos.Stack.Gateway;

/// <summary>
/// Options of the <c>gateway</c> role; <see cref="Retries"/> 0 and <see cref="CircuitBreaker"/> false switch those practices off.
/// <see cref="Fallback"/> and <see cref="Hedging"/> are off in a bare record (the plain retry-and-breaker gateway);
/// the command line switches them on unless told otherwise.
/// </summary>
public sealed record GatewayOptions(
    IReadOnlyList<Uri> Replicas,
    string ModelName,
    ListenAddress Listen,
    int Retries,
    bool CircuitBreaker,
    TimeSpan AttemptTimeout,
    int Seed)
{
    /// <summary>Retries when none are given.</summary>
    public const int DefaultRetries = 3;

    /// <summary>Per-attempt timeout when none is given.</summary>
    public static TimeSpan DefaultAttemptTimeout { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest request body forwarded; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Longest delay between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Failure ratio over the sampling window that opens a replica's breaker.</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>Calls needed in the window before the breaker may open.</summary>
    public int BreakerMinimumThroughput { get; init; } = 4;

    /// <summary>
    /// The breaker's sampling window. A ratio breaker opens once failures outweigh the successes still in its window, so
    /// after a healthy spell a replica that fails every call is cut off after about half the window: with 10 s that was
    /// ~5-6 s of answers waiting on a silent replica (network-timeout, measured), with 2 s it is about one second.
    /// </summary>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an open breaker keeps its replica out before a trial call.</summary>
    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The simplified model fallback replicas serve when none is given.</summary>
    public const string DefaultFallbackModel = "credit-simple";

    /// <summary>Answers kept in the fallback cache when no size is given.</summary>
    public const int DefaultFallbackCacheSize = 10_000;

    /// <summary>Whether answers come from the simplified model or the answer cache once every primary attempt failed.</summary>
    public bool Fallback { get; init; }

    /// <summary>Replicas serving <see cref="FallbackModel"/>; empty means fallback answers come only from the cache.</summary>
    public IReadOnlyList<Uri> FallbackReplicas { get; init; } = [];

    /// <summary>The simplified model asked of the fallback replicas.</summary>
    public string FallbackModel { get; init; } = DefaultFallbackModel;

    /// <summary>Most answers the fallback cache keeps (least recently used go first); 0 turns the cache off.</summary>
    public int FallbackCacheSize { get; init; } = DefaultFallbackCacheSize;

    /// <summary>Largest answer the fallback cache keeps, so its memory stays bounded.</summary>
    public int FallbackCacheMaxAnswerBytes { get; init; } = 64 * 1024;

    /// <summary>Most attempts outstanding at once per primary replica; beyond it a request goes elsewhere at once (a bulkhead). 0: no bound.</summary>
    public int MaxOutstandingPerReplica { get; init; } = DefaultMaxOutstandingPerReplica;

    /// <summary>
    /// Whether each replica's bound adapts to its answers (<see cref="AimdLimit"/>: halved on timeouts and slow answers, grown
    /// back by answers in time, never above <see cref="MaxOutstandingPerReplica"/>); false keeps it fixed.
    /// </summary>
    public bool AdaptiveBulkhead { get; init; } = true;

    /// <summary>The bound per replica when none is given.</summary>
    public const int DefaultMaxOutstandingPerReplica = 8;

    /// <summary>Whether a slow attempt is raced by one on another replica after <see cref="HedgingDelay"/>.</summary>
    public bool Hedging { get; init; }

    /// <summary>
    /// How long an attempt runs at least before a hedged attempt starts; longer while the replicas' recent p95 answer time is
    /// longer (<see cref="AdaptiveHedgingDelay"/>).
    /// </summary>
    public TimeSpan HedgingDelay { get; init; } = DefaultHedgingDelay;

    /// <summary>The hedging delay when none is given.</summary>
    public static TimeSpan DefaultHedgingDelay { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The controller whose <c>GET /replicas</c> the gateway follows (scale-out and scale-in); null keeps <see cref="Replicas"/> fixed.</summary>
    public Uri? ControllerUrl { get; init; }

    /// <summary>How often the controller's replica list is polled.</summary>
    public TimeSpan DiscoveryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The region this gateway serves, named in the <c>X-Chaos-Region</c> header of its answers; null names none.</summary>
    public string? Region { get; init; }

    /// <summary>Priority routing: the replicas are regions in order of preference (a front door); false is round-robin.</summary>
    public bool Priority { get; init; }

    /// <summary>With <see cref="Priority"/>: the standby region's controller, told once (<c>POST /activate</c>) when an answer first comes from a standby.</summary>
    public Uri? StandbyActivation { get; init; }

    /// <summary>The bearer token of the admin API; null disables the API (it answers 404).</summary>
    public string? AdminToken { get; init; }
}
