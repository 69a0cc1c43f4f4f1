namespace Chaos.Stack.Controller;

/// <summary>What the controller decided to do with the replica set in one interval.</summary>
public enum ActionKind
{
    /// <summary>A replica crossed the unready threshold; reported as a stack signal even when self-healing is off.</summary>
    ReportUnready,

    /// <summary>Remove a dead or unready replica and create an exact copy under the same alias.</summary>
    Replace,

    /// <summary>Add one replica under a new alias, copied from an existing one.</summary>
    ScaleOut,

    /// <summary>Remove the replica with the highest alias number.</summary>
    ScaleIn,
}
