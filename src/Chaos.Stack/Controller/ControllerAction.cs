namespace Chaos.Stack.Controller;

/// <summary>One decision: the kind, the replica alias it concerns, the container (absent for a new replica) and why.</summary>
public sealed record ControllerAction(ActionKind Kind, string Alias, string? ContainerId, string Reason);
