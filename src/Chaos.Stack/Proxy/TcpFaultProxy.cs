using System.Net;
using System.Net.Sockets;

namespace Chaos.Stack.Proxy;

/// <summary>
/// A TCP proxy that injects faults: it listens on one endpoint, connects each client to the upstream, and pumps bytes
/// both ways while applying the mode of <see cref="ProxySettings"/>, read afresh for every chunk so a switch takes effect
/// at once on open connections too.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private const int BufferBytes = 16 * 1024;
    private readonly Socket listener;
    private readonly EndPoint upstream;
    private readonly ProxySettings settings;
    private readonly LatencySampler latency;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> connections = [];
    private Task? acceptLoop;

    /// <summary>A proxy from <paramref name="listen"/> to <paramref name="upstream"/>; call <see cref="Start"/>.</summary>
    public TcpFaultProxy(IPEndPoint listen, EndPoint upstream, ProxySettings settings, int seed, TimeProvider time)
    {
        this.upstream = upstream;
        this.settings = settings;
        this.time = time;
        latency = new LatencySampler(seed);
        listener = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(listen);
    }

    /// <summary>What the proxy did so far.</summary>
    public ProxyCounters Counters { get; } = new();

    /// <summary>The bound endpoint (the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)listener.LocalEndPoint!;

    /// <summary>Starts accepting connections.</summary>
    public void Start()
    {
        listener.Listen(512);
        acceptLoop = AcceptAsync(stopping.Token);
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var connection = ServeAsync(client, cancellationToken);
            lock (connections)
            {
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(connection);
            }
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        Counters.Opened();
        Socket? server = null;
        try
        {
            client.NoDelay = true;
            switch (settings.Current.ParsedMode)
            {
                case ProxyMode.Reset:
                    Reset(client, null);
                    return;
                case ProxyMode.Timeout:
                    Counters.Blackhole();
                    await SwallowAsync(client, cancellationToken);
                    return;
            }

            server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await server.ConnectAsync(upstream, cancellationToken);
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var blackholed = new BlackholeFlag();
            var up = PumpAsync(client, server, towardUpstream: true, blackholed, connection);
            var down = PumpAsync(server, client, towardUpstream: false, blackholed, connection);
            await Task.WhenAll(up, down);
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // The peer went away, the upstream refused, or the proxy stops: the connection ends, the proxy goes on.
        }
        finally
        {
            server?.Dispose();
            client.Dispose();
            Counters.Closed();
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool towardUpstream, BlackholeFlag blackholed, CancellationTokenSource connection)
    {
        var buffer = new byte[BufferBytes];
        BandwidthThrottle? throttle = null;
        long throttleRate = 0;
        var token = connection.Token;
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, token);
                var fault = settings.Current;
                if (read == 0)
                {
                    if (fault.ParsedMode == ProxyMode.SlowClose)
                    {
                        Counters.SlowClose();
                        await Task.Delay(TimeSpan.FromMilliseconds(fault.CloseDelayMs ?? 0), time, token);
                    }

                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                switch (fault.ParsedMode)
                {
                    case ProxyMode.Reset:
                        Reset(from, to);
                        await connection.CancelAsync();
                        return;
                    case ProxyMode.Timeout:
                        if (blackholed.Set())
                        {
                            Counters.Blackhole();
                        }

                        continue;
                    case ProxyMode.Latency when !towardUpstream:
                        var delay = latency.Next(fault.LatencyMs ?? 0, fault.JitterMs ?? 0);
                        Counters.Delayed(delay);
                        await Task.Delay(delay, time, token);
                        break;
                    case ProxyMode.Bandwidth:
                        var rate = fault.BytesPerSecond ?? 1;
                        if (throttle is null || throttleRate != rate)
                        {
                            throttle = new BandwidthThrottle(rate, time);
                            throttleRate = rate;
                        }

                        for (var offset = 0; offset < read; offset += throttle.ChunkBytes)
                        {
                            var length = Math.Min(throttle.ChunkBytes, read - offset);
                            var wait = throttle.Reserve(length);
                            if (wait > TimeSpan.Zero)
                            {
                                Counters.Throttled();
                                await Task.Delay(wait, time, token);
                            }

                            await SendAsync(to, buffer.AsMemory(offset, length), towardUpstream, token);
                        }

                        continue;
                }

                await SendAsync(to, buffer.AsMemory(0, read), towardUpstream, token);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or IOException)
        {
            // One side failed: end the other direction too.
            await connection.CancelAsync();
        }
    }

    private async Task SendAsync(Socket to, ReadOnlyMemory<byte> bytes, bool towardUpstream, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await to.SendAsync(bytes, SocketFlags.None, cancellationToken);
            Counters.Forwarded(towardUpstream, sent);
            bytes = bytes[sent..];
        }
    }

    // Linger 0 makes close send RST instead of FIN: the peer sees ECONNRESET.
    private void Reset(Socket first, Socket? second)
    {
        Counters.Reset();
        foreach (var socket in new[] { first, second })
        {
            if (socket is null)
            {
                continue;
            }

            try
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
            }
        }
    }

    private static async Task SwallowAsync(Socket client, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferBytes];
        while (await client.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) > 0)
        {
        }
    }

    /// <summary>Stops accepting and ends every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Dispose();
        Task[] open;
        lock (connections)
        {
            open = [.. connections];
        }

        if (acceptLoop is not null)
        {
            await acceptLoop;
        }

        await Task.WhenAll(open);
        stopping.Dispose();
    }

    private sealed class BlackholeFlag
    {
        private int set;

        public bool Set() => Interlocked.Exchange(ref set, 1) == 0;
    }
}
