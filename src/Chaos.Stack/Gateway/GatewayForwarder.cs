using System.Net;
using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Gateway.Degraded;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Chaos.Stack.Gateway;

/// <summary>Forwards calls to the replicas: inference through the request pipeline, model metadata to one replica and at most one other.</summary>
public sealed class GatewayForwarder(ReplicaClient replicaClient, ReplicaSet replicas, ResiliencePipeline<HttpResponseMessage> pipeline, AnswerCache? cache)
{
    /// <summary>Told of every answered inference call in priority routing (a front door): notices answers from a standby.</summary>
    public FailoverWatch? Failover { get; init; }

    /// <summary>Most replicas a metadata read tries: the chosen one and one other.</summary>
    public const int MetadataAttempts = 2;

    /// <summary>Sends an inference call through fallback, retries and hedging until an attempt succeeds, answers 4xx, or every source is spent.</summary>
    public async Task<ForwardOutcome> ForwardInferAsync(string model, string pathAndQuery, byte[] body, string? contentType, CancellationToken cancellationToken)
    {
        var call = new ForwardCall(new ReplicaRequest(HttpMethod.Post, pathAndQuery, body, contentType), model, replicas.NextStart());
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ForwardCall.Key, call);
        try
        {
            using var response = await pipeline.ExecuteAsync(
                static (context, state) => state.Forwarder.AttemptAsync(state.Call, context.CancellationToken),
                context,
                (Forwarder: this, Call: call));
            var outcome = await ToOutcomeAsync(response, call.Attempts, cancellationToken);
            if (outcome.Status == HttpStatusCode.OK && call.LastReplica is { } served)
            {
                Failover?.Served(served);
            }

            if (cache is not null && outcome is { Status: HttpStatusCode.OK, DegradedReason: null } && call.Fingerprint is { } fingerprint)
            {
                cache.Put(fingerprint.Key, outcome.Body);
            }

            return outcome;
        }
        catch (Exception exception) when (AttemptFailures.IsAttemptException(exception))
        {
            return ErrorOutcome(exception, call.Attempts);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Forwards a model metadata or readiness GET to the next healthy replica; on failure, to one other.</summary>
    public async Task<ForwardOutcome> ForwardReadAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var request = new ReplicaRequest(HttpMethod.Get, pathAndQuery, null, null);
        var start = replicas.NextStart();
        var attempts = Math.Min(MetadataAttempts, replicas.All.Count);
        for (var attempt = 0; ; attempt++)
        {
            var last = attempt == attempts - 1;
            try
            {
                using var response = await replicaClient.AttemptAsync(replicas.Pick(start, attempt), request, cancellationToken);
                if (last || !AttemptFailures.IsTransient(Outcome.FromResult(response)))
                {
                    return await ToOutcomeAsync(response, attempt + 1, cancellationToken);
                }
            }
            catch (Exception exception) when (last && AttemptFailures.IsAttemptException(exception))
            {
                return ErrorOutcome(exception, attempt + 1);
            }
            catch (Exception exception) when (AttemptFailures.IsAttemptException(exception))
            {
                // The other replica gets its chance.
            }
        }
    }

    private ValueTask<HttpResponseMessage> AttemptAsync(ForwardCall call, CancellationToken cancellationToken)
    {
        var replica = replicas.Pick(call.Start, call.NextAttempt());
        call.LastReplica = replica;
        Failover?.Attempting(replica);
        return replicaClient.AttemptAsync(replica, call.Request, cancellationToken, call.Race);
    }

    private static async Task<ForwardOutcome> ToOutcomeAsync(HttpResponseMessage response, int attempts, CancellationToken cancellationToken) =>
        new(
            response.StatusCode,
            await response.Content.ReadAsByteArrayAsync(cancellationToken),
            response.Content.Headers.ContentType?.ToString(),
            Header(response, StackHeaders.Replica),
            attempts)
        {
            DegradedReason = Header(response, DegradedHeaders.Reason),
            Region = Header(response, StackHeaders.Region),
        };

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static ForwardOutcome ErrorOutcome(Exception exception, int attempts)
    {
        var (status, message) = AttemptFailures.ToGatewayError(exception);
        var error = JsonSerializer.SerializeToUtf8Bytes(new ErrorResponse($"{message} (after {attempts} attempts)"), StackJson.Options);
        return new ForwardOutcome(status, error, "application/json; charset=utf-8", null, attempts);
    }
}
