namespace Chaos.Stack.Controller;

/// <summary>What one readiness probe learned.</summary>
public enum Readiness
{
    /// <summary>200 within the probe timeout.</summary>
    Ready,

    /// <summary>Another status: the replica answered that it is not ready.</summary>
    NotReady,

    /// <summary>No answer within the probe timeout, or no connection.</summary>
    Unanswered,
}
