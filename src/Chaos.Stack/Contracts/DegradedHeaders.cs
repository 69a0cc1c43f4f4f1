namespace Chaos.Stack.Contracts;

/// <summary>Headers the gateway adds to an answer that did not come from the primary model.</summary>
public static class DegradedHeaders
{
    /// <summary>Present with the value <c>true</c> on every fallback answer.</summary>
    public const string Degraded = "X-Chaos-Degraded";

    /// <summary>Where the fallback answer came from: <see cref="SimplifiedModel"/> or <see cref="Cache"/>.</summary>
    public const string Reason = "X-Chaos-Degraded-Reason";

    /// <summary>The answer came from the simplified model on a fallback replica.</summary>
    public const string SimplifiedModel = "simplified-model";

    /// <summary>The answer is a recent good answer to the same inputs.</summary>
    public const string Cache = "cache";
}
