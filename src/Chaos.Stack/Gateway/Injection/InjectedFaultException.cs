namespace Chaos.Stack.Gateway.Injection;

/// <summary>The fault the chaos fault strategy throws: looks like a replica that cannot be reached.</summary>
public sealed class InjectedFaultException : HttpRequestException
{
    /// <summary>Creates the fault with its standard message.</summary>
    public InjectedFaultException()
        : base("chaos fault injected by the gateway (switch it off with DELETE /admin/chaos)")
    {
    }
}
