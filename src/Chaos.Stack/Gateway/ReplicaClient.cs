using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Polly;
using Polly.Timeout;

namespace Chaos.Stack.Gateway;

/// <summary>
/// Sends one attempt to one replica through that replica's pipeline and counts its outcome. An attempt in a
/// <see cref="AttemptRace"/> that is cancelled after <paramref name="slowCallThreshold"/> because another replica answered
/// quickly ends as a <see cref="SlowAttemptException"/>, a failure for the replica's breaker (a slow-call breaker, as
/// Resilience4j's slowCallRateThreshold); <see cref="TimeSpan.Zero"/> turns that off.
/// </summary>
public sealed class ReplicaClient(HttpClient client, GatewayMetrics metrics, TimeSpan slowCallThreshold = default)
{
    /// <summary>Where the time of each primary replica's answer goes (the adaptive hedging delay); null records none.</summary>
    public AdaptiveHedgingDelay? Answers { get; init; }

    /// <summary>One attempt: the replica's breaker, timeout and chaos strategies around the HTTP call.</summary>
    public async ValueTask<HttpResponseMessage> AttemptAsync(Replica replica, ReplicaRequest request, CancellationToken cancellationToken, AttemptRace? race = null)
    {
        if (!replica.TryEnter())
        {
            var busy = new ReplicaBusyException(replica.Label, replica.CurrentBound);
            metrics.RecordAttempt(replica, AttemptFailures.Describe(Outcome.FromException<HttpResponseMessage>(busy)));
            throw busy;
        }

        var outcome = Outcome.FromException<HttpResponseMessage>(new InvalidOperationException("attempt did not finish"));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await replica.AttemptPipeline.ExecuteAsync(
                static (state, token) => state.Client.SendRacingAsync(state.Replica, state.Request, state.Race, token),
                (Client: this, Replica: replica, Request: request, Race: race),
                cancellationToken);
            outcome = Outcome.FromResult(response);
            if (!AttemptFailures.IsTransient(outcome))
            {
                var took = Stopwatch.GetElapsedTime(started);
                race?.Answered(replica, took);
                if (!replica.LastResort)
                {
                    Answers?.Record(took);
                }
            }

            return response;
        }
        catch (Exception exception)
        {
            outcome = Outcome.FromException<HttpResponseMessage>(exception);
            throw;
        }
        finally
        {
            replica.Exit();
            var outstanding = Stopwatch.GetElapsedTime(started);
            metrics.RecordAttempt(replica, AttemptFailures.Describe(outcome));
            if (!replica.LastResort)
            {
                metrics.RecordPrimaryAttemptTime(outstanding);
            }

            Adapt(replica.Limit, outcome, outstanding);
        }
    }

    // The replica's bound learns from what the attempt went through: an answer in time grows it; a timeout, a race lost as a
    // slow call or a late answer halves it. A refused or broken connection, an open breaker or a cancelled race says nothing
    // about how full the replica is.
    private static void Adapt(AimdLimit? limit, Outcome<HttpResponseMessage> outcome, TimeSpan outstanding)
    {
        switch (outcome)
        {
            case { Exception: TimeoutRejectedException or SlowAttemptException }:
                limit?.Overloaded();
                break;
            case { Exception: null }:
                limit?.Answered(outstanding);
                break;
        }
    }

    // Inside the breaker: a cancellation that the race explains as a slow call becomes a failure the breaker counts.
    private async ValueTask<HttpResponseMessage> SendRacingAsync(Replica replica, ReplicaRequest call, AttemptRace? race, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await SendAsync(replica, call, cancellationToken);
        }
        catch (OperationCanceledException) when (race is not null && slowCallThreshold > TimeSpan.Zero
            && race.LostAsSlowCall(replica, Stopwatch.GetElapsedTime(started), slowCallThreshold))
        {
            throw new SlowAttemptException(replica.Label, Stopwatch.GetElapsedTime(started), slowCallThreshold);
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
