using System.Net;

namespace Chaos.Load;

/// <summary>Maps an HTTP answer or a transport failure to an <see cref="Outcome"/>.</summary>
public static class OutcomeClassifier
{
    /// <summary>Header the reference stack sets on answers from its fallback path.</summary>
    public const string DegradedHeader = "X-Chaos-Degraded";

    public static Outcome Classify(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            return response.Headers.TryGetValues(DegradedHeader, out var values) && values.Contains("true", StringComparer.OrdinalIgnoreCase)
                ? Outcome.Degraded
                : Outcome.Ok;
        }
        return status is >= 400 and < 500 ? Outcome.ClientError : Outcome.ServerError;
    }

    public static Outcome Classify(Exception exception) => exception switch
    {
        TaskCanceledException or TimeoutException or OperationCanceledException => Outcome.Timeout,
        HttpRequestException { StatusCode: HttpStatusCode status } when (int)status >= 500 => Outcome.ServerError,
        _ => Outcome.ConnectionError,
    };
}
