namespace Chaos.Load;

/// <summary>How one intended request ended.</summary>
public enum Outcome
{
    /// <summary>2xx answer from the primary path.</summary>
    Ok,
    /// <summary>2xx answer marked degraded by the stack (fallback model or cache).</summary>
    Degraded,
    /// <summary>4xx answer.</summary>
    ClientError,
    /// <summary>5xx answer.</summary>
    ServerError,
    /// <summary>No answer within the client timeout.</summary>
    Timeout,
    /// <summary>Connection refused, reset or otherwise broken.</summary>
    ConnectionError,
    /// <summary>Never sent: the generator's in-flight bound was reached.</summary>
    Dropped,
    /// <summary>A request made corrupt on purpose (<c>request.corrupt</c>) that the stack refused with 4xx: expected, not counted as intended.</summary>
    Rejected,
}
