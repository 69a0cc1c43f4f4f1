using System.Net;
using System.Net.Sockets;

namespace Chaos.Stack.Tests.Proxy;

/// <summary>A loopback TCP server that echoes every byte and closes its side when the client closes its own.</summary>
public sealed class EchoServer : IAsyncDisposable
{
    private readonly Socket listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private int accepted;

    public EchoServer()
    {
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(64);
        loop = AcceptAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)listener.LocalEndPoint!;

    /// <summary>Connections that reached the upstream.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref accepted);
            _ = EchoAsync(socket);
        }
    }

    private async Task EchoAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[64 * 1024];
            try
            {
                int read;
                while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, stopping.Token)) > 0)
                {
                    await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stopping.Token);
                }

                socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Dispose();
        await loop;
        stopping.Dispose();
    }
}
