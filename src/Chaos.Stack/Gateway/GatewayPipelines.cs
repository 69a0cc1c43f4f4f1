using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Chaos.Stack.Gateway;

/// <summary>Builds the Polly pipelines: retry across replicas outside, breaker and per-attempt timeout per replica inside.</summary>
public sealed class GatewayPipelines(GatewayOptions options, TimeProvider timeProvider)
{
    private readonly Random jitter = new(options.Seed);
    private readonly Lock jitterLock = new();

    /// <summary>The outer pipeline: retries with exponential backoff and jitter, or nothing when retries are 0.</summary>
    public ResiliencePipeline<HttpResponseMessage> BuildRetry(GatewayMetrics metrics)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
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

        return builder.Build();
    }

    /// <summary>One replica's pipeline: its own circuit breaker (unless switched off), then the per-attempt timeout.</summary>
    public (ResiliencePipeline<HttpResponseMessage> Pipeline, CircuitBreakerStateProvider? Breaker) BuildAttempt()
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        CircuitBreakerStateProvider? breaker = null;
        if (options.CircuitBreaker)
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
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        return (builder.Build(), breaker);
    }

    private double NextJitter()
    {
        lock (jitterLock)
        {
            return jitter.NextDouble();
        }
    }
}
