namespace Chaos.Stack.Controller;

/// <summary>One thing the controller saw or did, as served at <c>GET /events</c> (action: replica-unready, replica-replaced, ...).</summary>
public sealed record ControllerEvent(DateTimeOffset Time, string Action, string Container, string Alias, string Reason);
