namespace Chaos.Stack.Gateway;

/// <summary>What the gateway can serve now.</summary>
public enum GatewayReadinessState
{
    /// <summary>No primary replica and no fallback replica can serve.</summary>
    NotReady,

    /// <summary>At least one primary replica can serve the model.</summary>
    Ready,

    /// <summary>Every primary is down, but a fallback replica serves the simplified model.</summary>
    Degraded,
}
