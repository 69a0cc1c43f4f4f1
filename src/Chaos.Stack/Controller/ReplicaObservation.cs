namespace Chaos.Stack.Controller;

/// <summary>One replica container as seen in one interval: whether it runs and whether its readiness probe answered 200.</summary>
public sealed record ReplicaObservation(string ContainerId, string Alias, int Ordinal, bool Running, bool Ready)
{
    /// <summary>The engine reports the container paused (frozen): it runs, and can answer nothing.</summary>
    public bool Paused { get; init; }

    /// <summary>
    /// The readiness probe got an HTTP answer, whatever its status. False when it timed out or could not connect: the
    /// replica may be dead, or only too busy to answer within the probe timeout.
    /// </summary>
    public bool Answered { get; init; } = true;
}
