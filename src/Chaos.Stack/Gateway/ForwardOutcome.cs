using System.Net;

namespace Chaos.Stack.Gateway;

/// <summary>What the gateway answers: the replica's answer passed through, a degraded fallback answer, or its own error after the last attempt.</summary>
public sealed record ForwardOutcome(HttpStatusCode Status, byte[] Body, string? ContentType, string? Replica, int Attempts)
{
    /// <summary>Why the answer is degraded (<c>simplified-model</c> or <c>cache</c>); null for a primary answer or an error.</summary>
    public string? DegradedReason { get; init; }

    /// <summary>The region named by the upstream's answer (a region gateway behind a front door); null when none was named.</summary>
    public string? Region { get; init; }
}
