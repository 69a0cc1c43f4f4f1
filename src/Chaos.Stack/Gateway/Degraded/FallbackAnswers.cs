using System.Net;
using System.Net.Http.Headers;
using Chaos.Stack.Contracts;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Chaos.Stack.Gateway.Degraded;

/// <summary>
/// Answers when every primary attempt failed: first the simplified model on the fallback replicas (each tried once),
/// then a recent good answer to the same inputs; every such answer is marked degraded.
/// </summary>
public sealed partial class FallbackAnswers(
    GatewayOptions options,
    ReplicaSet? simplifiedReplicas,
    ReplicaClient replicaClient,
    AnswerCache cache,
    GatewayMetrics metrics,
    ILogger<FallbackAnswers> logger)
{
    /// <summary>The cache of good answers the forwarder fills.</summary>
    public AnswerCache Cache => cache;

    /// <summary>A degraded answer for <paramref name="call"/>, or null when no fallback source has one.</summary>
    internal async ValueTask<HttpResponseMessage?> TryAnswerAsync(ForwardCall call, CancellationToken cancellationToken)
    {
        if (await TrySimplifiedModelAsync(call, cancellationToken) is { } simplified)
        {
            return simplified;
        }

        if (call.Fingerprint is { } fingerprint && cache.TryGet(fingerprint.Key) is { } cached
            && InferAnswerRewriter.ForRequest(cached, call.Model, fingerprint.Id) is { } answer)
        {
            return Degraded(answer, DegradedHeaders.Cache, replica: null);
        }

        LogNoFallback(logger, call.Request.PathAndQuery);
        return null;
    }

    private async ValueTask<HttpResponseMessage?> TrySimplifiedModelAsync(ForwardCall call, CancellationToken cancellationToken)
    {
        if (simplifiedReplicas is null)
        {
            return null;
        }

        var request = call.Request with { PathAndQuery = $"/v2/models/{Uri.EscapeDataString(options.FallbackModel)}/infer" };
        var start = simplifiedReplicas.NextStart();
        for (var attempt = 0; attempt < simplifiedReplicas.All.Count; attempt++)
        {
            var replica = simplifiedReplicas.Pick(start, attempt);
            try
            {
                using var response = await replicaClient.AttemptAsync(replica, request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK
                    && InferAnswerRewriter.WithModelName(await response.Content.ReadAsByteArrayAsync(cancellationToken), call.Model) is { } answer)
                {
                    var name = response.Headers.TryGetValues(StackHeaders.Replica, out var values) ? values.FirstOrDefault() : null;
                    return Degraded(answer, DegradedHeaders.SimplifiedModel, name ?? replica.Label);
                }

                LogSimplifiedRefused(logger, replica.Label, (int)response.StatusCode);
            }
            catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException)
            {
                LogSimplifiedFailed(logger, replica.Label, exception.Message);
            }
        }

        return null;
    }

    private HttpResponseMessage Degraded(byte[] answer, string reason, string? replica)
    {
        metrics.RecordDegraded(reason);
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(answer) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        response.Headers.Add(DegradedHeaders.Degraded, "true");
        response.Headers.Add(DegradedHeaders.Reason, reason);
        if (replica is not null)
        {
            response.Headers.Add(StackHeaders.Replica, replica);
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fallback replica {Replica} answered {Status} for the simplified model")]
    private static partial void LogSimplifiedRefused(ILogger logger, string replica, int status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fallback replica {Replica} failed: {Reason}")]
    private static partial void LogSimplifiedFailed(ILogger logger, string replica, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No fallback answer for {Path}: no simplified model answered and no cached answer matches")]
    private static partial void LogNoFallback(ILogger logger, string path);
}
