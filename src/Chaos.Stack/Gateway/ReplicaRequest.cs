namespace Chaos.Stack.Gateway;

/// <summary>One HTTP call the gateway sends to a replica: method, path, and the body for a POST.</summary>
public sealed record ReplicaRequest(HttpMethod Method, string PathAndQuery, byte[]? Body, string? ContentType);
