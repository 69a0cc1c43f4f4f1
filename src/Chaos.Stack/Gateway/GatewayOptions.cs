using Chaos.Stack.Hosting;

namespace Chaos.Stack.Gateway;

/// <summary>Options of the <c>gateway</c> role; <see cref="Retries"/> 0 and <see cref="CircuitBreaker"/> false switch those practices off.</summary>
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

    /// <summary>The breaker's sampling window.</summary>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an open breaker keeps its replica out before a trial call.</summary>
    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(5);
}
