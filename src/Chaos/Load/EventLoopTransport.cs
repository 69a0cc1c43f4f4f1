using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace Chaos.Load;

/// <summary>
/// HTTP/1.1 load over non-blocking keep-alive sockets and one epoll set, all on one thread: the generator's dispatch
/// thread sends each request as it falls due (<see cref="SendAsync"/>) and, between due times, waits in epoll for answers
/// (<see cref="Poll"/>), completing each send inline. Nothing crosses threads per request, which is what a closed loop like
/// wrk does and what .NET's async sockets cannot (their answers arrive on another thread). One request per connection at a
/// time, no pipelining, no TLS, no proxy. A connection the server has closed while it sat idle (its keep-alive ran out) is
/// noticed when the request sent on it gets no byte back, and the request goes once more on a new connection, as .NET's
/// pool does. Timeouts are the send's token, checked every millisecond. Every member must be called from one thread.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class EventLoopTransport : LoadTransport
{
    private const uint EpollIn = 0x001;
    private const uint EpollOut = 0x004;
    private const int EpollCtlAdd = 1;
    private const int EpollCtlDel = 2;
    private const int EpollCtlMod = 3;
    private const int MaxEvents = 256;
    private static readonly long ScanTicks = Stopwatch.Frequency / 1000;

    private readonly int _maxConnections;
    private readonly long _lifetimeTicks;
    private readonly int _epoll;
    private readonly EpollEvent[] _events = new EpollEvent[MaxEvents];
    private readonly List<Connection?> _connections = [];
    private readonly Stack<int> _freeIds = new();
    private readonly Dictionary<(string Host, int Port), Target> _targets = [];
    private readonly List<Connection> _busy = [];
    private int _open;
    private int _owner;
    private long _lastScan;
    private bool _disposed;
    private uint _generation;

    public EventLoopTransport(int maxConnections, TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxConnections);
        if (!EventLoopSupported)
        {
            // struct epoll_event is packed on x86-64 only; elsewhere it has another layout.
            throw new PlatformNotSupportedException("the event-loop load transport supports x86-64 Linux");
        }
        _maxConnections = maxConnections;
        _lifetimeTicks = (long)(lifetime.TotalSeconds * Stopwatch.Frequency);
        _epoll = EpollCreate(0);
        if (_epoll < 0)
        {
            throw new InvalidOperationException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Connections open now, idle or busy.</summary>
    public int OpenConnections => _open;

    internal override bool PolledByDispatch => true;

    public override ValueTask<LoadAnswer> SendAsync(HttpRequestMessage request, bool keepBody, CancellationToken timeout)
    {
        CheckThread();
        var uri = request.RequestUri ?? throw new InvalidOperationException("a load request needs an absolute URI");
        var key = (uri.IdnHost, uri.Port);
        if (!_targets.TryGetValue(key, out var target))
        {
            target = new Target(Resolve(uri.IdnHost, uri.Port));
            _targets.Add(key, target);
        }
        var send = new PendingRequest(Serialise(request, uri), keepBody, target, timeout);
        Start(send);
        return new ValueTask<LoadAnswer>(send.Answer.Task);
    }

    internal override void Poll(TimeSpan maxWait)
    {
        CheckThread();
        var wait = maxWait <= TimeSpan.Zero ? default : new TimeSpec { Seconds = (long)maxWait.TotalSeconds, Nanoseconds = maxWait.Ticks % TimeSpan.TicksPerSecond * 100 };
        var ready = EpollWait(_epoll, _events, MaxEvents, ref wait, IntPtr.Zero);
        for (var i = 0; i < ready; i++)
        {
            // The id says which connection; the generation, that it is still the one the event was for (a closed
            // connection's id goes to the next one, possibly while this batch of events is handled).
            var data = _events[i].Data;
            if (_connections[(int)(uint)data] is { } connection && connection.Generation == (uint)(data >> 32))
            {
                OnReady(connection, _events[i].Events);
            }
        }
        var now = Stopwatch.GetTimestamp();
        if (now - _lastScan >= ScanTicks)
        {
            _lastScan = now;
            for (var i = _busy.Count - 1; i >= 0; i--)
            {
                if (i < _busy.Count && _busy[i].Request is { Timeout.IsCancellationRequested: true })
                {
                    Fail(_busy[i], Outcome.Timeout);
                }
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (var connection in _connections)
        {
            connection?.Socket.Dispose();
        }
        _connections.Clear();
        _ = Close(_epoll);
        base.Dispose(disposing);
    }

    private void CheckThread()
    {
        var current = Environment.CurrentManagedThreadId;
        if (_owner == 0)
        {
            _owner = current;
        }
        else if (_owner != current)
        {
            throw new InvalidOperationException("the event-loop transport is driven by one thread (the generator's dispatch thread)");
        }
    }

    // Puts the request on an idle connection of its target, or on a new one.
    private void Start(PendingRequest send)
    {
        var target = send.Target;
        var now = Stopwatch.GetTimestamp();
        while (!send.ForceNew && target.Idle.TryPop(out var idle))
        {
            if (idle.Closed)
            {
                continue;
            }
            if (now - idle.OpenedAt > _lifetimeTicks)
            {
                CloseConnection(idle);
                continue;
            }
            Begin(idle, send, reused: true);
            return;
        }
        if (_open >= _maxConnections)
        {
            // The generator's slots keep requests in flight within the connection bound; this guards a caller that does not.
            throw new InvalidOperationException($"more than {_maxConnections} load requests in flight at once");
        }
        Connection connection;
        try
        {
            var socket = new Socket(target.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
            connection = Register(socket, now);
        }
        catch (SocketException)
        {
            send.Answer.SetResult(new LoadAnswer(Outcome.ConnectionError, null, null));
            return;
        }
        Begin(connection, send, reused: false);
        try
        {
            connection.Socket.Connect(target.EndPoint);
            OnWritable(connection);
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            connection.Connecting = true;
            Watch(connection, EpollIn | EpollOut);
        }
        catch (SocketException)
        {
            Fail(connection, Outcome.ConnectionError);
        }
    }

    private Connection Register(Socket socket, long now)
    {
        var id = _freeIds.Count > 0 ? _freeIds.Pop() : _connections.Count;
        var connection = new Connection(socket, id, now) { Generation = ++_generation };
        if (id == _connections.Count)
        {
            _connections.Add(connection);
        }
        else
        {
            _connections[id] = connection;
        }
        _open++;
        var registration = new EpollEvent { Events = EpollIn, Data = connection.EventData };
        if (EpollCtl(_epoll, EpollCtlAdd, (int)socket.Handle, ref registration) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            CloseConnection(connection);
            throw new SocketException(errno);
        }
        return connection;
    }

    private void Begin(Connection connection, PendingRequest send, bool reused)
    {
        connection.Request = send;
        connection.Reused = reused;
        connection.Sent = 0;
        connection.Filled = 0;
        connection.BusyIndex = _busy.Count;
        _busy.Add(connection);
        if (reused)
        {
            OnWritable(connection);
        }
    }

    private void OnReady(Connection connection, uint events)
    {
        if (connection.Request is null)
        {
            // Readable while idle: the server closed it (or sent what nobody asked for). Either way it is done.
            CloseConnection(connection);
            return;
        }
        if (connection.Connecting || (events & EpollOut) != 0)
        {
            if (connection.Connecting)
            {
                var error = (int)connection.Socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
                if (error != 0)
                {
                    Fail(connection, Outcome.ConnectionError);
                    return;
                }
                connection.Connecting = false;
            }
            OnWritable(connection);
            return;
        }
        OnReadable(connection);
    }

    private void OnWritable(Connection connection)
    {
        var bytes = connection.Request!.Bytes;
        while (connection.Sent < bytes.Length)
        {
            var sent = connection.Socket.Send(bytes.AsSpan(connection.Sent), SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                Watch(connection, EpollIn | EpollOut);
                return;
            }
            if (error != SocketError.Success)
            {
                FailOrRetry(connection);
                return;
            }
            connection.Sent += sent;
        }
        Watch(connection, EpollIn);
    }

    private void OnReadable(Connection connection)
    {
        var ended = false;
        while (true)
        {
            if (connection.Filled == connection.Buffer.Length)
            {
                Array.Resize(ref connection.Buffer, connection.Buffer.Length * 2);
            }
            var read = connection.Socket.Receive(connection.Buffer.AsSpan(connection.Filled), SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                break;
            }
            if (error != SocketError.Success)
            {
                FailOrRetry(connection);
                return;
            }
            if (read == 0)
            {
                ended = true;
                break;
            }
            connection.Filled += read;
        }
        if (ended && connection.Filled == 0)
        {
            FailOrRetry(connection);
            return;
        }
        Http1Answer answer;
        int length;
        try
        {
            if (Http1AnswerParser.TryParse(connection.Buffer.AsSpan(0, connection.Filled), ended, out answer, out length) == Http1AnswerParser.State.Incomplete)
            {
                return;
            }
        }
        catch (FormatException)
        {
            Fail(connection, Outcome.ConnectionError);
            return;
        }
        var send = connection.Request!;
        var outcome = OutcomeClassifier.Classify(answer.Status, answer.Degraded);
        byte[]? body = null;
        if (send.KeepBody && outcome is Outcome.Ok or Outcome.Degraded)
        {
            var raw = connection.Buffer.AsSpan(answer.BodyStart, answer.BodyLength);
            body = answer.Chunked ? Http1AnswerParser.Dechunk(raw) : raw.ToArray();
        }
        Finish(connection);
        // Bytes beyond the answer were never asked for: the connection cannot be trusted with another request.
        if (answer.Close || ended || length != connection.Filled)
        {
            CloseConnection(connection);
        }
        else
        {
            connection.Filled = 0;
            send.Target.Idle.Push(connection);
        }
        send.Answer.SetResult(new LoadAnswer(outcome, answer.Region, body));
    }

    // A reused connection that failed before a single byte came back was closed by the server while idle: send once more.
    private void FailOrRetry(Connection connection)
    {
        if (connection.Reused && connection.Filled == 0 && connection.Request is { } send && !send.ForceNew && !send.Timeout.IsCancellationRequested)
        {
            Finish(connection);
            CloseConnection(connection);
            send.ForceNew = true;
            Start(send);
            return;
        }
        Fail(connection, Outcome.ConnectionError);
    }

    private void Fail(Connection connection, Outcome outcome)
    {
        var send = connection.Request;
        Finish(connection);
        CloseConnection(connection);
        send?.Answer.SetResult(new LoadAnswer(outcome, null, null));
    }

    // The connection carries no request any more.
    private void Finish(Connection connection)
    {
        if (connection.Request is null)
        {
            return;
        }
        connection.Request = null;
        var last = _busy[^1];
        _busy[connection.BusyIndex] = last;
        last.BusyIndex = connection.BusyIndex;
        _busy.RemoveAt(_busy.Count - 1);
        connection.BusyIndex = -1;
    }

    private void CloseConnection(Connection connection)
    {
        if (connection.Closed)
        {
            return;
        }
        connection.Closed = true;
        var none = default(EpollEvent);
        _ = EpollCtl(_epoll, EpollCtlDel, (int)connection.Socket.Handle, ref none);
        connection.Socket.Dispose();
        _connections[connection.Id] = null;
        _freeIds.Push(connection.Id);
        _open--;
    }

    private void Watch(Connection connection, uint events)
    {
        if (connection.Watching == events)
        {
            return;
        }
        connection.Watching = events;
        var registration = new EpollEvent { Events = events, Data = connection.EventData };
        _ = EpollCtl(_epoll, EpollCtlMod, (int)connection.Socket.Handle, ref registration);
    }

    private static IPEndPoint Resolve(string host, int port)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return new IPEndPoint(literal, port);
        }
        // Once per host, on the dispatch thread: load targets are local (127.0.0.1, localhost).
        var address = Dns.GetHostAddresses(host).OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).First();
        return new IPEndPoint(address, port);
    }

    /// <summary>The request as HTTP/1.1 bytes: request line, Host, its headers and its content's, Content-Length, the body.</summary>
    internal static byte[] Serialise(HttpRequestMessage request, Uri uri)
    {
        var head = new StringBuilder(256);
        head.Append(request.Method.Method).Append(' ').Append(uri.PathAndQuery).Append(" HTTP/1.1\r\nHost: ").Append(uri.Authority).Append("\r\n");
        foreach (var header in request.Headers.NonValidated)
        {
            if (!header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                AppendHeader(head, header.Key, header.Value);
            }
        }
        // ByteArrayContent and StringContent read as a stream over their own array: no copy until the one below.
        using var body = request.Content?.ReadAsStream() ?? Stream.Null;
        if (request.Content is { } content)
        {
            foreach (var header in content.Headers.NonValidated)
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    AppendHeader(head, header.Key, header.Value);
                }
            }
        }
        var bodyLength = checked((int)body.Length);
        if (request.Content is not null || request.Method == HttpMethod.Post || request.Method == HttpMethod.Put)
        {
            head.Append("Content-Length: ").Append(bodyLength).Append("\r\n");
        }
        head.Append("\r\n");
        var headText = head.ToString();
        var headBytes = Encoding.ASCII.GetByteCount(headText);
        var bytes = new byte[headBytes + bodyLength];
        Encoding.ASCII.GetBytes(headText, bytes);
        body.ReadExactly(bytes, headBytes, bodyLength);
        return bytes;
    }

    private static void AppendHeader(StringBuilder head, string name, System.Net.Http.Headers.HeaderStringValues values)
    {
        head.Append(name).Append(": ");
        var first = true;
        foreach (var value in values)
        {
            head.Append(first ? "" : ", ").Append(value);
            first = false;
        }
        head.Append("\r\n");
    }

    private sealed class Target(IPEndPoint endPoint)
    {
        public IPEndPoint EndPoint { get; } = endPoint;
        public Stack<Connection> Idle { get; } = new();
    }

    private sealed class PendingRequest(byte[] bytes, bool keepBody, Target target, CancellationToken timeout)
    {
        public byte[] Bytes { get; } = bytes;
        public bool KeepBody { get; } = keepBody;
        public CancellationToken Timeout { get; } = timeout;
        public Target Target { get; } = target;
        // Completes inline, on the polling thread: the generator's bookkeeping runs right there.
        public TaskCompletionSource<LoadAnswer> Answer { get; } = new(TaskCreationOptions.None);
        public bool ForceNew { get; set; }
    }

    private sealed class Connection(Socket socket, int id, long openedAt)
    {
        public Socket Socket { get; } = socket;
        public int Id { get; } = id;
        public long OpenedAt { get; } = openedAt;
        public byte[] Buffer = new byte[4096];
        public int Filled;
        public int Sent;
        public bool Connecting;
        public bool Reused;
        public bool Closed;
        public uint Watching = EpollIn;
        public int BusyIndex = -1;
        public PendingRequest? Request;
        public uint Generation { get; init; }

        /// <summary>What epoll hands back with this connection's events: the generation above the id.</summary>
        public ulong EventData => ((ulong)Generation << 32) | (uint)Id;
    }

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport, not LibraryImport: the generated stubs need unsafe code in the whole project (as DispatchPacer's usleep).
    [DllImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int EpollCreate(int flags);

    [DllImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int EpollCtl(int epoll, int operation, int fd, ref EpollEvent registration);

    [DllImport("libc", EntryPoint = "epoll_pwait2", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int EpollWait(int epoll, [Out] EpollEvent[] events, int maxEvents, ref TimeSpec timeout, IntPtr signalMask);

    [DllImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
