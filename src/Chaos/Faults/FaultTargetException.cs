namespace Chaos.Faults;

/// <summary>A fault's selector resolved to nothing, or the target refused the fault.</summary>
public sealed class FaultTargetException : Exception
{
    public FaultTargetException(string message) : base(message)
    {
    }
}
