using Polly;
using Polly.CircuitBreaker;

namespace Chaos.Stack.Gateway;

/// <summary>One inference replica behind the gateway, with its own breaker and per-attempt timeout.</summary>
public sealed class Replica(Uri baseAddress, ResiliencePipeline<HttpResponseMessage> attemptPipeline, CircuitBreakerStateProvider? breaker, BreakerWindow? window = null, bool lastResort = false, int maxOutstanding = 0)
{
    private int outstanding;

    /// <summary>Most attempts outstanding at once (a bulkhead); 0: no bound.</summary>
    public int MaxOutstanding { get; } = maxOutstanding;

    /// <summary>Attempts sent to this replica and not yet ended.</summary>
    public int Outstanding => Volatile.Read(ref outstanding);

    /// <summary>The bound adapted to the replica's answers (at most <see cref="MaxOutstanding"/>); null keeps the bound fixed.</summary>
    public AimdLimit? Limit { get; init; }

    /// <summary>The bound now: the adaptive one when there is one, else <see cref="MaxOutstanding"/>; 0: no bound.</summary>
    public int CurrentBound => MaxOutstanding <= 0 ? 0 : Math.Min(MaxOutstanding, Limit?.Current ?? MaxOutstanding);

    /// <summary>True when the replica has its bound of attempts outstanding.</summary>
    public bool IsFull => CurrentBound is > 0 and var bound && Outstanding >= bound;

    /// <summary>Takes a place for one attempt; false when the replica is full (nothing is taken then).</summary>
    public bool TryEnter()
    {
        var bound = CurrentBound;
        if (Interlocked.Increment(ref outstanding) <= bound || bound <= 0)
        {
            return true;
        }
        Interlocked.Decrement(ref outstanding);
        return false;
    }

    /// <summary>Gives back the place of an attempt that <see cref="TryEnter"/> let in.</summary>
    public void Exit() => Interlocked.Decrement(ref outstanding);

    /// <summary>A fallback replica, asked only when every primary attempt failed.</summary>
    public bool LastResort { get; } = lastResort;

    /// <summary>The replica's base URL.</summary>
    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>The label used in metrics.</summary>
    public string Label { get; } = baseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>Breaker then timeout, wrapped around one attempt to this replica.</summary>
    public ResiliencePipeline<HttpResponseMessage> AttemptPipeline { get; } = attemptPipeline;

    /// <summary>The breaker state; Closed when the breaker is switched off.</summary>
    public CircuitState BreakerState => breaker?.CircuitState ?? CircuitState.Closed;

    /// <summary>
    /// True when calls to this replica are refused by its breaker right now. An open breaker whose break is over is not
    /// broken: the next call is its half-open trial, which closes it when the replica answers again.
    /// </summary>
    public bool IsBroken => BreakerState switch
    {
        CircuitState.Isolated => true,
        CircuitState.Open => window?.IsBreaking ?? true,
        _ => false,
    };
}
