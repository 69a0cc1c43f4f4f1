using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Chaos.Load;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Chaos.Tests.Load;

/// <summary>
/// The event-loop transport over real loopback sockets: against a real Kestrel through the generator, and against a
/// scripted TCP server for what a well-behaved server never does (closing kept-alive connections, half answers, garbage).
/// Counts and classes only, never timings; every wait is bounded.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EventLoopTransportTests
{
    public EventLoopTransportTests() =>
        Assert.SkipUnless(OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64,
            "the event-loop transport needs x86-64 Linux (epoll; elsewhere the generator sends through .NET's HTTP stack)");

    private const int Unbounded = 1000;
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Generator_OverKestrel_EveryRequestAnsweredWithItsBodyAndRegion()
    {
        await using var server = await KestrelTarget.StartAsync();
        using var transport = LoadTransport.EventLoop(Unbounded);
        var answers = new CollectingAnswers();
        var regions = new RegionAnswerLog();
        var plan = new LoadPlan(50, TimeSpan.Zero, TimeSpan.FromSeconds(1), Unbounded, Patient);

        var result = await new OpenModelLoadGenerator(transport, new EchoRequests(server.Uri("/echo")), TimeProvider.System, answers) { Regions = regions }
            .RunAsync(plan, cancellationToken: TestContext.Current.CancellationToken);

        result.Count(Outcome.Ok).ShouldBe(50);
        // Kestrel echoes what it read: method, content type and body arrived as sent.
        answers.Bodies.Count.ShouldBe(50);
        answers.Bodies.ShouldContain("POST application/json; charset=utf-8 {\"sequence\":49}");
        regions.Answers.Count.ShouldBe(50);
        regions.Answers.ShouldAllBe(a => a.Region == "a");
    }

    [Theory]
    [InlineData("/status/400", Outcome.ClientError)]
    [InlineData("/status/503", Outcome.ServerError)]
    [InlineData("/degraded", Outcome.Degraded)]
    [InlineData("/chunked", Outcome.Ok)]
    public async Task Generator_OverKestrel_AnswersClassifiedAsOverDotNet(string path, Outcome expected)
    {
        await using var server = await KestrelTarget.StartAsync();
        var plan = new LoadPlan(20, TimeSpan.Zero, TimeSpan.FromSeconds(1), Unbounded, Patient);
        var results = new Dictionary<string, LoadResult>();
        foreach (var (name, transport) in new[] { ("event loop", LoadTransport.EventLoop(Unbounded)), ("dotnet", LoadTransport.Over(new HttpClient(), disposeInvoker: true)) })
        {
            using (transport)
            {
                results[name] = await new OpenModelLoadGenerator(transport, new EchoRequests(server.Uri(path)), TimeProvider.System)
                    .RunAsync(plan, cancellationToken: TestContext.Current.CancellationToken);
            }
        }

        results["event loop"].Count(expected).ShouldBe(20);
        results["dotnet"].Count(expected).ShouldBe(20);
    }

    [Fact]
    public async Task Generator_TargetNeverAnswers_TimesOutAndDropsAndStillEnds()
    {
        using var server = ScriptedServer.Start((_, _) => Reply.Hang);
        using var transport = LoadTransport.EventLoop(10);
        var plan = new LoadPlan(40, TimeSpan.Zero, TimeSpan.FromSeconds(1), 10, TimeSpan.FromMilliseconds(300));

        var result = await new OpenModelLoadGenerator(transport, new EchoRequests(server.Uri), TimeProvider.System)
            .RunAsync(plan, cancellationToken: TestContext.Current.CancellationToken);

        result.Intended.ShouldBe(40);
        (result.Count(Outcome.Timeout) + result.Count(Outcome.Dropped)).ShouldBe(40);
        result.Count(Outcome.Timeout).ShouldBeGreaterThanOrEqualTo(10);
    }

    [Fact]
    public void Send_ConnectionClosedByTheServerWhileIdle_SentAgainOnANewConnection()
    {
        // The server answers, then closes the connection without saying so (a keep-alive timeout running out).
        using var server = ScriptedServer.Start((_, _) => Reply.OkThenClose);
        using var transport = new EventLoopTransport(4, TimeSpan.FromMinutes(5));

        Run(transport, server.Uri).Outcome.ShouldBe(Outcome.Ok);
        server.WaitForClosed(1);
        // Not polled meanwhile, so the transport does not know yet: the next request goes out on the dead connection.
        Run(transport, server.Uri).Outcome.ShouldBe(Outcome.Ok);

        server.Connections.ShouldBe(2);
        transport.OpenConnections.ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public void Send_KeepAlive_OneConnectionForManyRequests()
    {
        using var server = ScriptedServer.Start((_, _) => Reply.Ok);
        using var transport = new EventLoopTransport(4, TimeSpan.FromMinutes(5));

        for (var i = 0; i < 5; i++)
        {
            Run(transport, server.Uri).Outcome.ShouldBe(Outcome.Ok);
        }

        server.Connections.ShouldBe(1);
    }

    [Theory]
    [InlineData(Reply.HalfHeadersThenClose)]
    [InlineData(Reply.Garbage)]
    [InlineData(Reply.CloseAtOnce)]
    public void Send_BrokenAnswerOnANewConnection_ConnectionError(Reply reply)
    {
        using var server = ScriptedServer.Start((_, _) => reply);
        using var transport = new EventLoopTransport(4, TimeSpan.FromMinutes(5));

        Run(transport, server.Uri).Outcome.ShouldBe(Outcome.ConnectionError);

        transport.OpenConnections.ShouldBe(0);
    }

    [Fact]
    public void Send_NothingListening_ConnectionError()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var transport = new EventLoopTransport(4, TimeSpan.FromMinutes(5));

        Run(transport, new Uri($"http://127.0.0.1:{port}/")).Outcome.ShouldBe(Outcome.ConnectionError);
    }

    [Fact]
    public void Send_TimeoutFires_TimeoutAndTheConnectionIsClosed()
    {
        using var server = ScriptedServer.Start((_, _) => Reply.Hang);
        using var transport = new EventLoopTransport(4, TimeSpan.FromMinutes(5));
        Run(transport, server.Uri, TimeSpan.FromMilliseconds(100)).Outcome.ShouldBe(Outcome.Timeout);

        transport.OpenConnections.ShouldBe(0);
    }

    [Fact]
    public void Send_MoreInFlightThanConnections_Refused()
    {
        using var server = ScriptedServer.Start((_, _) => Reply.Hang);
        using var transport = new EventLoopTransport(1, TimeSpan.FromMinutes(5));
        using var first = new HttpRequestMessage(HttpMethod.Get, server.Uri);
        using var second = new HttpRequestMessage(HttpMethod.Get, server.Uri);
        var hanging = transport.SendAsync(first, keepBody: false, CancellationToken.None).AsTask();

        Should.Throw<InvalidOperationException>(() => transport.SendAsync(second, keepBody: false, CancellationToken.None).AsTask()).Message.ShouldContain("more than 1");
        hanging.IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public async Task Send_FromASecondThread_Refused()
    {
        using var server = ScriptedServer.Start((_, _) => Reply.Ok);
        using var transport = new EventLoopTransport(4, TimeSpan.FromMinutes(5));
        Run(transport, server.Uri).Outcome.ShouldBe(Outcome.Ok);

        var elsewhere = await Task.Factory.StartNew(() => Should.Throw<InvalidOperationException>(() => transport.Poll(TimeSpan.Zero)),
            TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        elsewhere.Message.ShouldContain("one thread");
    }

    [Fact]
    public void Serialise_PostWithContent_RequestLineHostHeadersLengthAndBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:8080/v2/models/credit/infer?x=1")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Trace", ["a", "b"]);

        var text = Encoding.ASCII.GetString(EventLoopTransport.Serialise(request, request.RequestUri!));

        text.ShouldBe("POST /v2/models/credit/infer?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nX-Trace: a, b\r\n"
            + "Content-Type: application/json; charset=utf-8\r\nContent-Length: 2\r\n\r\n{}");
    }

    // Sends one request and polls (bounded) on this thread until it is answered.
    private static LoadAnswer Run(EventLoopTransport transport, Uri uri, TimeSpan? timeout = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent("{}") };
        using var timeoutSource = new CancellationTokenSource(timeout ?? Timeout.InfiniteTimeSpan);
        var answer = transport.SendAsync(request, keepBody: true, timeoutSource.Token).AsTask();
        for (var poll = 0; poll < 500 && !answer.IsCompleted; poll++)
        {
            transport.Poll(TimeSpan.FromMilliseconds(10));
        }
        answer.IsCompleted.ShouldBeTrue("no answer within 500 polls of 10 ms");
        return answer.Result;
    }

    public enum Reply
    {
        Ok,
        OkThenClose,
        Hang,
        HalfHeadersThenClose,
        Garbage,
        CloseAtOnce,
    }

    /// <summary>A TCP server that reads each request (headers and Content-Length body) and answers as scripted.</summary>
    private sealed class ScriptedServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Func<int, int, Reply> _script;
        private readonly ConcurrentBag<TcpClient> _clients = [];
        private readonly SemaphoreSlim _closed = new(0);
        private int _connections;

        private ScriptedServer(Func<int, int, Reply> script) => _script = script;

        public Uri Uri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v2/models/credit/infer");

        public int Connections => Volatile.Read(ref _connections);

        public static ScriptedServer Start(Func<int, int, Reply> script)
        {
            var server = new ScriptedServer(script);
            server._listener.Start();
            _ = server.AcceptAsync();
            return server;
        }

        public void WaitForClosed(int count)
        {
            for (var i = 0; i < count; i++)
            {
                _closed.Wait(TimeSpan.FromSeconds(10)).ShouldBeTrue("the server did not close the connection within 10 s");
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            foreach (var client in _clients)
            {
                client.Dispose();
            }
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    _clients.Add(client);
                    _ = ServeAsync(client, Interlocked.Increment(ref _connections) - 1);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }
        }

        private async Task ServeAsync(TcpClient client, int connection)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var filled = 0;
                for (var request = 0; request < 1000; request++)
                {
                    // One request: headers, then Content-Length bytes of body.
                    int end;
                    while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                    {
                        var read = await stream.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                        if (read == 0)
                        {
                            return;
                        }
                        filled += read;
                    }
                    var head = Encoding.ASCII.GetString(buffer, 0, end);
                    var lengthAt = head.IndexOf("Content-Length: ", StringComparison.Ordinal);
                    var length = lengthAt < 0 ? 0 : int.Parse(head[(lengthAt + 16)..].Split("\r\n")[0], System.Globalization.CultureInfo.InvariantCulture);
                    while (filled < end + 4 + length)
                    {
                        filled += await stream.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                    }
                    buffer.AsSpan(end + 4 + length, filled - end - 4 - length).CopyTo(buffer);
                    filled -= end + 4 + length;
                    switch (_script(connection, request))
                    {
                        case Reply.Ok:
                            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8.ToArray(), _stop.Token);
                            break;
                        case Reply.OkThenClose:
                            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8.ToArray(), _stop.Token);
                            // Give the answer time to be read whole before the close: the close must not cut it.
                            await Task.Delay(50, _stop.Token);
                            client.Close();
                            _closed.Release();
                            return;
                        case Reply.Hang:
                            await Task.Delay(Timeout.Infinite, _stop.Token);
                            return;
                        case Reply.HalfHeadersThenClose:
                            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Le"u8.ToArray(), _stop.Token);
                            client.Close();
                            return;
                        case Reply.Garbage:
                            await stream.WriteAsync("220 smtp.example ESMTP\r\n\r\n"u8.ToArray(), _stop.Token);
                            break;
                        case Reply.CloseAtOnce:
                            client.Close();
                            return;
                    }
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>A real Kestrel on 127.0.0.1 with the answers the tests need.</summary>
    private sealed class KestrelTarget : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private KestrelTarget(WebApplication app) => _app = app;

        public Uri Uri(string path) => new(new Uri(_app.Urls.First()), path);

        public static async Task<KestrelTarget> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapPost("/echo", async context =>
            {
                var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
                context.Response.Headers[RegionAnswerLog.RegionHeader] = "a";
                await context.Response.WriteAsync($"{context.Request.Method} {context.Request.ContentType} {body}");
            });
            app.MapPost("/status/{code:int}", (int code) => Results.StatusCode(code));
            app.MapPost("/degraded", context =>
            {
                context.Response.Headers[OutcomeClassifier.DegradedHeader] = "true";
                return context.Response.WriteAsync("fallback");
            });
            // No length set and flushed early: Kestrel answers chunked.
            app.MapPost("/chunked", async context =>
            {
                await context.Response.WriteAsync("part one, ");
                await context.Response.Body.FlushAsync();
                await context.Response.WriteAsync("part two");
            });
            await app.StartAsync();
            return new KestrelTarget(app);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed class EchoRequests(Uri uri) : IRequestFactory
    {
        public HttpRequestMessage Create(long sequence) => new(HttpMethod.Post, uri)
        {
            Content = new StringContent($"{{\"sequence\":{sequence}}}", Encoding.UTF8, "application/json"),
        };
    }

    private sealed class CollectingAnswers : IAnswerRecorder
    {
        public ConcurrentBag<string> Bodies { get; } = [];

        public void Record(long sequence, int interval, ReadOnlySpan<byte> body) => Bodies.Add(Encoding.UTF8.GetString(body));
    }
}
