namespace Chaos.Stack.Gateway;

/// <summary>
/// When a replica's breaker may be tried again. Polly moves an open breaker to half-open only when a call reaches it,
/// so a gateway that skips open replicas must know when the break is over, or a recovered replica never gets its trial
/// call (and never gets traffic again while another replica is healthy).
/// </summary>
public sealed class BreakerWindow(TimeProvider time)
{
    private long _openUntilTicks;

    /// <summary>Called when the breaker opens, with its break duration.</summary>
    public void Opened(TimeSpan breakDuration) =>
        Interlocked.Exchange(ref _openUntilTicks, (time.GetUtcNow() + breakDuration).UtcTicks);

    /// <summary>True while the break lasts; after it, the next call is the breaker's half-open trial.</summary>
    public bool IsBreaking => time.GetUtcNow().UtcTicks < Interlocked.Read(ref _openUntilTicks);
}
