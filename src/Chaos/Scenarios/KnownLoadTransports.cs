using Chaos.Load;

namespace Chaos.Scenarios;

/// <summary>How a scenario's load may be sent (<c>load.transport</c>); see <see cref="LoadTransport"/>.</summary>
public static class KnownLoadTransports
{
    /// <summary>.NET's HTTP stack (SocketsHttpHandler), the default.</summary>
    public const string DotNet = "dotnet";

    /// <summary>The generator's own epoll loop on its dispatch thread (x86-64 Linux).</summary>
    public const string EventLoop = "event-loop";

    public const string Description =
        "How the load is sent: dotnet (default), .NET's HTTP stack, whose answers arrive on the socket engine's threads; or event-loop "
        + "(x86-64 Linux), plain HTTP/1.1 over keep-alive connections driven by the generator's own thread through epoll, as wrk does: "
        + "about a quarter less client CPU per request and a higher ceiling (bench/README.md, saturation). Same outcome classes either way.";

    public static readonly IReadOnlySet<string> All = new SortedSet<string>(StringComparer.Ordinal) { DotNet, EventLoop };

    /// <summary>Builds the transport a scenario names; <paramref name="invoker"/> serves <see cref="DotNet"/> (the caller owns it).</summary>
    public static LoadTransport Create(string name, int maxInFlight, HttpMessageInvoker invoker) =>
        name == EventLoop ? LoadTransport.EventLoop(maxInFlight) : LoadTransport.Over(invoker);
}
