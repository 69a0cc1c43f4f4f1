namespace Chaos.Stack.Proxy;

/// <summary>The fault in effect, switched at run time by the admin API and read by every connection on every chunk.</summary>
public sealed class ProxySettings
{
    private ProxyFaultConfiguration current = ProxyFaultConfiguration.Off;

    /// <summary>The configuration in effect now.</summary>
    public ProxyFaultConfiguration Current => Volatile.Read(ref current);

    /// <summary>Switches to a validated configuration.</summary>
    public void Apply(ProxyFaultConfiguration configuration) => Volatile.Write(ref current, configuration);

    /// <summary>Back to pass-through.</summary>
    public void Clear() => Apply(ProxyFaultConfiguration.Off);
}
