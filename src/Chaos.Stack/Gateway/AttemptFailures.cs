using System.Net;
using Chaos.Stack.Gateway.Injection;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Chaos.Stack.Gateway;

/// <summary>What counts as a failed attempt: 5xx, timeouts, connection errors, slow calls that lost a race. Never a 4xx.</summary>
public static class AttemptFailures
{
    /// <summary>
    /// True for an outcome worth retrying elsewhere (and counting against the replica's breaker). A slow call lost a race
    /// another replica won, so nothing retries it; it counts against the breaker only.
    /// </summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: { } exception } => IsAttemptException(exception),
        { Result: { } response } => (int)response.StatusCode >= 500,
        _ => false,
    };

    /// <summary>True for an exception that ends one attempt on one replica (connection, timeout, open breaker, lost race, full replica), not the request.</summary>
    public static bool IsAttemptException(Exception exception) =>
        exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or SlowAttemptException or ReplicaBusyException;

    /// <summary>The label of an outcome in the attempts metric.</summary>
    public static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        { Exception: TimeoutRejectedException } => "timeout",
        { Exception: BrokenCircuitException } => "breaker-open",
        { Exception: InjectedFaultException } => "chaos-fault",
        { Exception: SlowAttemptException } => "slow",
        { Exception: ReplicaBusyException } => "busy",
        { Exception: HttpRequestException } => "connection-error",
        { Exception: OperationCanceledException } => "cancelled",
        _ => "error",
    };

    /// <summary>The gateway's answer when the last attempt ended in an exception.</summary>
    public static (HttpStatusCode Status, string Message) ToGatewayError(Exception exception) => exception switch
    {
        TimeoutRejectedException => (HttpStatusCode.GatewayTimeout, $"no replica answered within the attempt timeout: {exception.Message}"),
        BrokenCircuitException => (HttpStatusCode.ServiceUnavailable, $"every replica's circuit breaker is open: {exception.Message}"),
        ReplicaBusyException => (HttpStatusCode.ServiceUnavailable, $"every replica is at its bound of outstanding requests: {exception.Message}"),
        _ => (HttpStatusCode.BadGateway, $"cannot reach a replica: {exception.Message}"),
    };
}
