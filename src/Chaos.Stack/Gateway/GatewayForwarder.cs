using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Chaos.Stack.Contracts;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Chaos.Stack.Gateway;

/// <summary>Forwards an inference call to the replicas through the resilience pipelines.</summary>
public sealed class GatewayForwarder(HttpClient client, ReplicaSet replicas, ResiliencePipeline<HttpResponseMessage> retry, GatewayMetrics metrics)
{
    /// <summary>Sends the body to one replica after another until an attempt succeeds, answers 4xx, or the retries run out.</summary>
    public async Task<ForwardOutcome> ForwardAsync(string pathAndQuery, byte[] body, string? contentType, CancellationToken cancellationToken)
    {
        var call = new ForwardCall(pathAndQuery, body, contentType, replicas.NextStart());
        try
        {
            using var response = await retry.ExecuteAsync(static (state, token) => state.Forwarder.AttemptAsync(state.Call, token), (Forwarder: this, Call: call), cancellationToken);
            var replica = response.Headers.TryGetValues(StackHeaders.Replica, out var values) ? values.FirstOrDefault() : null;
            return new ForwardOutcome(
                response.StatusCode,
                await response.Content.ReadAsByteArrayAsync(cancellationToken),
                response.Content.Headers.ContentType?.ToString(),
                replica,
                call.Attempts);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException)
        {
            var (status, message) = AttemptFailures.ToGatewayError(exception);
            var error = JsonSerializer.SerializeToUtf8Bytes(new ErrorResponse($"{message} (after {call.Attempts} attempts)"), StackJson.Options);
            return new ForwardOutcome(status, error, "application/json; charset=utf-8", null, call.Attempts);
        }
    }

    private async ValueTask<HttpResponseMessage> AttemptAsync(ForwardCall call, CancellationToken cancellationToken)
    {
        var replica = replicas.Pick(call.Start, call.Attempts++);
        var outcome = Outcome.FromException<HttpResponseMessage>(new InvalidOperationException("attempt did not finish"));
        try
        {
            var response = await replica.AttemptPipeline.ExecuteAsync(
                static (state, token) => state.Forwarder.SendAsync(state.Replica, state.Call, token),
                (Forwarder: this, Replica: replica, Call: call),
                cancellationToken);
            outcome = Outcome.FromResult(response);
            return response;
        }
        catch (Exception exception)
        {
            outcome = Outcome.FromException<HttpResponseMessage>(exception);
            throw;
        }
        finally
        {
            metrics.RecordAttempt(replica, AttemptFailures.Describe(outcome));
        }
    }

    private async ValueTask<HttpResponseMessage> SendAsync(Replica replica, ForwardCall call, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(replica.BaseAddress, call.PathAndQuery))
        {
            Content = new ByteArrayContent(call.Body),
            Version = HttpVersion.Version11,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.TryParse(call.ContentType, out var type)
            ? type
            : new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }
}
