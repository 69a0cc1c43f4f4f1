namespace Chaos.Targets;

/// <summary>No container engine (or no stack image): no verdict is possible (exit 3).</summary>
public sealed class EngineUnavailableException : Exception
{
    public EngineUnavailableException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
