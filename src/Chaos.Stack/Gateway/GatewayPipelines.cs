using Chaos.Stack.Gateway.Degraded;
using Chaos.Stack.Gateway.Injection;
using Polly;
using Polly.CircuitBreaker;
using Polly.Fallback;
using Polly.Hedging;
using Polly.Retry;

namespace Chaos.Stack.Gateway;

/// <summary>
/// Builds the Polly pipelines. Per request, outermost first: fallback, retry, hedging. Per attempt, on the chosen replica:
/// circuit breaker, attempt timeout, then the chaos strategies (latency, fault, outcome) right before the HTTP call.
/// Fallback is outermost so it answers only once retries and hedges are spent; retry wraps hedging so each retry is
/// a fresh hedged round on the next replicas; chaos sits inside the timeout and breaker so an injected failure or
/// delay is treated exactly like a failing replica.
/// </summary>
public sealed class GatewayPipelines(GatewayOptions options, TimeProvider timeProvider)
{
    private readonly Random jitter = new(options.Seed);
    private readonly Lock jitterLock = new();

    /// <summary>The hedging delay, adapted to the replicas' recent answers (the configured one is its floor).</summary>
    public AdaptiveHedgingDelay HedgingDelay { get; } = new(options.HedgingDelay, timeProvider);

    /// <summary>Whether the request pipeline hedges: hedging is on and there is another replica to race.</summary>
    public bool Hedges(int replicaCount) => options.Hedging && replicaCount > 1;

    /// <summary>The bound on attempts outstanding per primary replica; 0: none.</summary>
    public int MaxOutstandingPerReplica => options.MaxOutstandingPerReplica;

    /// <summary>
    /// A fresh adaptive bound for one primary replica (at most <see cref="MaxOutstandingPerReplica"/>; an answer after half the
    /// attempt timeout counts as overload, one halving per attempt timeout); null when the bound is fixed or off.
    /// </summary>
    public AimdLimit? CreateLimit() => options.MaxOutstandingPerReplica > 0 && options.AdaptiveBulkhead
        ? new AimdLimit(options.MaxOutstandingPerReplica, options.AttemptTimeout / 2, options.AttemptTimeout, timeProvider)
        : null;

    /// <summary>The per-request pipeline: fallback (when given), retries (when above 0), hedging (when on and there is another replica).</summary>
    public ResiliencePipeline<HttpResponseMessage> BuildRequest(GatewayMetrics metrics, FallbackAnswers? fallback, int replicaCount)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (fallback is not null)
        {
            builder.AddFallback(new FallbackStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(AttemptFailures.IsTransient(args.Outcome)),
                FallbackAction = args => FallBackAsync(fallback, args),
            });
        }

        if (options.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                Randomizer = NextJitter,
                ShouldHandle = args => ValueTask.FromResult(AttemptFailures.IsTransient(args.Outcome)),
                OnRetry = args =>
                {
                    // The failed answer is replaced by the next attempt's; free its connection now.
                    args.Outcome.Result?.Dispose();
                    metrics.RecordRetry();
                    return ValueTask.CompletedTask;
                },
            });
        }

        if (Hedges(replicaCount))
        {
            builder.AddHedging(new HedgingStrategyOptions<HttpResponseMessage>
            {
                MaxHedgedAttempts = 1,
                DelayGenerator = _ => ValueTask.FromResult(HedgingDelay.Current),
                ShouldHandle = args => ValueTask.FromResult(AttemptFailures.IsTransient(args.Outcome)),
                OnHedging = _ =>
                {
                    metrics.RecordHedge();
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    /// <summary>
    /// One replica's pipeline: its own circuit breaker (unless switched off, or <paramref name="lastResort"/>), the per-attempt
    /// timeout, then chaos (when given). A last-resort replica (the fallback) gets no breaker: it is asked only when every primary
    /// attempt failed, so an open breaker there turns slow answers into no answers exactly when nothing else can answer.
    /// </summary>
    public (ResiliencePipeline<HttpResponseMessage> Pipeline, CircuitBreakerStateProvider? Breaker, BreakerWindow Window) BuildAttempt(ChaosInjector? chaos, bool lastResort = false)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        CircuitBreakerStateProvider? breaker = null;
        var window = new BreakerWindow(timeProvider);
        if (options.CircuitBreaker && !lastResort)
        {
            breaker = new CircuitBreakerStateProvider();
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(AttemptFailures.IsTransient(args.Outcome)),
                StateProvider = breaker,
                OnOpened = args =>
                {
                    window.Opened(args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        chaos?.AddTo(builder);
        return (builder.Build(), breaker, window);
    }

    private static async ValueTask<Outcome<HttpResponseMessage>> FallBackAsync(FallbackAnswers fallback, FallbackActionArguments<HttpResponseMessage> args)
    {
        if (!args.Context.Properties.TryGetValue(ForwardCall.Key, out var call)
            || await fallback.TryAnswerAsync(call, args.Context.CancellationToken) is not { } answer)
        {
            // No fallback source has an answer: the primary failure stands, as without fallback.
            return args.Outcome;
        }

        args.Outcome.Result?.Dispose();
        return Outcome.FromResult(answer);
    }

    private double NextJitter()
    {
        lock (jitterLock)
        {
            return jitter.NextDouble();
        }
    }
}
