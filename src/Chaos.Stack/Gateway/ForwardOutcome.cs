using System.Net;

namespace Chaos.Stack.Gateway;

/// <summary>What the gateway answers: the replica's answer passed through, or its own error after the last attempt.</summary>
public sealed record ForwardOutcome(HttpStatusCode Status, byte[] Body, string? ContentType, string? Replica, int Attempts);
