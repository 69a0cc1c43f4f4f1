using System.Net;

namespace Chaos.Load;

/// <summary>Maps an HTTP answer or a transport failure to an <see cref="Outcome"/>.</summary>
public static class OutcomeClassifier
{
    /// <summary>Header the reference stack sets on answers from its fallback path.</summary>
    public const string DegradedHeader = "X-Chaos-Degraded";

    /// <summary><see cref="DegradedHeader"/> as bytes, for the event loop's parser.</summary>
    internal static ReadOnlySpan<byte> DegradedHeaderUtf8 => "X-Chaos-Degraded"u8;

    public static Outcome Classify(HttpResponseMessage response) =>
        Classify((int)response.StatusCode,
            response.Headers.TryGetValues(DegradedHeader, out var values) && values.Contains("true", StringComparer.OrdinalIgnoreCase));

    /// <summary>An answer's status code, and whether it carried <see cref="DegradedHeader"/>: true.</summary>
    public static Outcome Classify(int status, bool degraded) => status switch
    {
        >= 200 and < 300 => degraded ? Outcome.Degraded : Outcome.Ok,
        >= 400 and < 500 => Outcome.ClientError,
        _ => Outcome.ServerError,
    };

    public static Outcome Classify(Exception exception) => exception switch
    {
        TaskCanceledException or TimeoutException or OperationCanceledException => Outcome.Timeout,
        HttpRequestException { StatusCode: HttpStatusCode status } when (int)status >= 500 => Outcome.ServerError,
        _ => Outcome.ConnectionError,
    };
}
