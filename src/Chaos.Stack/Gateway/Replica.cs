using Polly;
using Polly.CircuitBreaker;

namespace Chaos.Stack.Gateway;

/// <summary>One inference replica behind the gateway, with its own breaker and per-attempt timeout.</summary>
public sealed class Replica(Uri baseAddress, ResiliencePipeline<HttpResponseMessage> attemptPipeline, CircuitBreakerStateProvider? breaker)
{
    /// <summary>The replica's base URL.</summary>
    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>The label used in metrics.</summary>
    public string Label { get; } = baseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>Breaker then timeout, wrapped around one attempt to this replica.</summary>
    public ResiliencePipeline<HttpResponseMessage> AttemptPipeline { get; } = attemptPipeline;

    /// <summary>The breaker state; Closed when the breaker is switched off.</summary>
    public CircuitState BreakerState => breaker?.CircuitState ?? CircuitState.Closed;

    /// <summary>True when calls to this replica are refused by its breaker right now.</summary>
    public bool IsBroken => BreakerState is CircuitState.Open or CircuitState.Isolated;
}
