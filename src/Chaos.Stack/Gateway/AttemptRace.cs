namespace Chaos.Stack.Gateway;

/// <summary>
/// The attempts of one request that run side by side (a first attempt and its hedge), and the first of them to answer.
/// A slow-call breaker needs it: a hedge that wins cancels the attempt it raced, and a cancelled attempt is neither a
/// success nor a failure, so without this a replica that answers nothing (a black-holed or frozen node) loses every race
/// and its breaker never learns of it (measured: network-timeout kept p95 at ~110 ms for its whole 10 s with or without
/// the breaker, because every answer waited for the hedge).
/// </summary>
public sealed class AttemptRace
{
    private Winner? winner;

    /// <summary>An attempt on <paramref name="replica"/> answered (2xx or 4xx) after <paramref name="took"/>; the first one is kept.</summary>
    public void Answered(Replica replica, TimeSpan took) => Interlocked.CompareExchange(ref winner, new Winner(replica, took), null);

    /// <summary>
    /// True when an attempt on <paramref name="replica"/> that ran <paramref name="ran"/> before it was cancelled was a slow call:
    /// another replica answered this request within <paramref name="threshold"/> while this one had not answered within it.
    /// Both slow (a machine out of CPU) is not counted: then the replica is no worse than the others, and opening its breaker
    /// would only move the same overload elsewhere.
    /// </summary>
    public bool LostAsSlowCall(Replica replica, TimeSpan ran, TimeSpan threshold) =>
        Volatile.Read(ref winner) is { } first && !ReferenceEquals(first.Replica, replica) && first.Took < threshold && ran >= threshold;

    private sealed record Winner(Replica Replica, TimeSpan Took);
}

/// <summary>An attempt cancelled because another replica answered the same request quickly while this one stayed silent.</summary>
public sealed class SlowAttemptException(string replica, TimeSpan ran, TimeSpan threshold)
    : Exception($"{replica} had not answered after {ran.TotalMilliseconds:0} ms while another replica answered within {threshold.TotalMilliseconds:0} ms");
