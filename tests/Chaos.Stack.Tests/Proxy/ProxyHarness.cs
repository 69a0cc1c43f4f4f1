using System.Net;
using System.Net.Sockets;
using Chaos.Stack.Proxy;

namespace Chaos.Stack.Tests.Proxy;

/// <summary>An echo server behind a real <see cref="TcpFaultProxy"/> on loopback, and clients that talk through it.</summary>
public sealed class ProxyHarness : IAsyncDisposable
{
    private ProxyHarness(EchoServer upstream, TcpFaultProxy proxy, ProxySettings settings)
    {
        Upstream = upstream;
        Proxy = proxy;
        Settings = settings;
    }

    public EchoServer Upstream { get; }
    public TcpFaultProxy Proxy { get; }
    public ProxySettings Settings { get; }

    public static ProxyHarness Start(TimeProvider? time = null)
    {
        var upstream = new EchoServer();
        var settings = new ProxySettings();
        var proxy = new TcpFaultProxy(new IPEndPoint(IPAddress.Loopback, 0), upstream.EndPoint, settings, seed: 11, time ?? TimeProvider.System);
        proxy.Start();
        return new ProxyHarness(upstream, proxy, settings);
    }

    public async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(Proxy.LocalEndPoint, cancellationToken);
        return socket;
    }

    /// <summary>Sends <paramref name="payload"/> and reads until as many bytes came back.</summary>
    public static async Task<byte[]> RoundTripAsync(Socket socket, byte[] payload, CancellationToken cancellationToken)
    {
        await socket.SendAsync(payload, SocketFlags.None, cancellationToken);
        var received = new byte[payload.Length];
        var total = 0;
        while (total < payload.Length)
        {
            var read = await socket.ReceiveAsync(received.AsMemory(total), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new IOException($"connection closed after {total} of {payload.Length} bytes");
            }

            total += read;
        }

        return received;
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
