using Chaos.Stack.Gateway.Degraded;
using Polly;

namespace Chaos.Stack.Gateway;

/// <summary>The state of one forwarded inference request across its attempts, hedged ones included.</summary>
internal sealed class ForwardCall(ReplicaRequest request, string model, int start)
{
    private readonly Lazy<RequestFingerprint?> fingerprint = new(() => RequestFingerprint.TryCreate(request.PathAndQuery, request.Body ?? []));
    private int attempts;

    /// <summary>Where the fallback strategy finds the call in the resilience context.</summary>
    public static ResiliencePropertyKey<ForwardCall> Key { get; } = new("chaos.forward-call");

    public ReplicaRequest Request { get; } = request;

    /// <summary>The model the client asked for.</summary>
    public string Model { get; } = model;

    /// <summary>The replica index the first attempt goes to.</summary>
    public int Start { get; } = start;

    /// <summary>Attempts started so far; each one goes to the next replica.</summary>
    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>The request's inputs for the answer cache; parsed once, on first use.</summary>
    public RequestFingerprint? Fingerprint => fingerprint.Value;

    /// <summary>The replica the latest attempt went to (the one that answered, once the call is done without hedging).</summary>
    public Replica? LastReplica { get; set; }

    /// <summary>The request's attempts that race each other, and the first that answered.</summary>
    public AttemptRace Race { get; } = new();

    /// <summary>Starts one more attempt and returns its index; hedged attempts run concurrently, so this is atomic.</summary>
    public int NextAttempt() => Interlocked.Increment(ref attempts) - 1;
}
