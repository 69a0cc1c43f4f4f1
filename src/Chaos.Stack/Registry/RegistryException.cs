namespace Chaos.Stack.Registry;

/// <summary>A registry request that cannot be done, with the 4xx status to answer.</summary>
public sealed class RegistryException(int statusCode, string message) : Exception(message)
{
    /// <summary>The HTTP status the caller gets.</summary>
    public int StatusCode { get; } = statusCode;
}
