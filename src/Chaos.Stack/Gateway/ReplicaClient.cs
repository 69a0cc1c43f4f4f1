using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Polly;

namespace Chaos.Stack.Gateway;

/// <summary>Sends one attempt to one replica through that replica's pipeline and counts its outcome.</summary>
public sealed class ReplicaClient(HttpClient client, GatewayMetrics metrics)
{
    /// <summary>One attempt: the replica's breaker, timeout and chaos strategies around the HTTP call.</summary>
    public async ValueTask<HttpResponseMessage> AttemptAsync(Replica replica, ReplicaRequest request, CancellationToken cancellationToken)
    {
        var outcome = Outcome.FromException<HttpResponseMessage>(new InvalidOperationException("attempt did not finish"));
        try
        {
            var response = await replica.AttemptPipeline.ExecuteAsync(
                static (state, token) => state.Client.SendAsync(state.Replica, state.Request, token),
                (Client: this, Replica: replica, Request: request),
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

    private async ValueTask<HttpResponseMessage> SendAsync(Replica replica, ReplicaRequest call, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(call.Method, new Uri(replica.BaseAddress, call.PathAndQuery)) { Version = HttpVersion.Version11 };
        if (call.Body is not null)
        {
            request.Content = new ByteArrayContent(call.Body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.TryParse(call.ContentType, out var type)
                ? type
                : new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }
}
