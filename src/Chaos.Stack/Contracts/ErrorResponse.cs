namespace Chaos.Stack.Contracts;

/// <summary>The Open Inference Protocol error body: <c>{"error": "..."}</c>.</summary>
public sealed record ErrorResponse(string Error);
