namespace Chaos.Stack.Controller;

/// <summary>The Docker Engine answered an error: the call, the status and the engine's message.</summary>
public sealed class DockerEngineException(string message) : Exception(message);
