namespace Chaos.Stack.Hosting;

/// <summary>Where a role listens: all interfaces in a container, loopback in tests; port 0 picks a free port.</summary>
public sealed record ListenAddress(string Host, int Port)
{
    /// <summary>The default port of every role.</summary>
    public const int DefaultPort = 8080;

    /// <summary>The Kestrel URL to bind.</summary>
    public string Url => $"http://{Host}:{Port}";

    /// <summary>All interfaces on a port, as a container needs.</summary>
    public static ListenAddress AllInterfaces(int port) => new("0.0.0.0", port);

    /// <summary>Loopback on a free port, as tests need.</summary>
    public static ListenAddress LoopbackAnyPort { get; } = new("127.0.0.1", 0);
}
