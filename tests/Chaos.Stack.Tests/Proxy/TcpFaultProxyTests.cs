using System.Diagnostics;
using System.Net.Sockets;
using Chaos.Stack.Proxy;

namespace Chaos.Stack.Tests.Proxy;

public sealed class TcpFaultProxyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static byte[] Payload(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public async Task Off_PassesBytesThroughUnchanged()
    {
        await using var harness = ProxyHarness.Start();
        using var socket = await harness.ConnectAsync(Token);
        var payload = Payload(100_000);

        var echoed = await ProxyHarness.RoundTripAsync(socket, payload, Token);

        echoed.ShouldBe(payload);
        harness.Proxy.Counters.BytesUpstream.ShouldBe(100_000);
        harness.Proxy.Counters.BytesDownstream.ShouldBe(100_000);
        harness.Proxy.Counters.DelayedChunks.ShouldBe(0);
    }

    [Fact]
    public async Task Off_ManyConcurrentConnections_EveryRoundTripArrives()
    {
        await using var harness = ProxyHarness.Start();
        var payload = Payload(300);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var socket = await harness.ConnectAsync(Token);
            var ok = 0;
            for (var i = 0; i < 20; i++)
            {
                ok += (await ProxyHarness.RoundTripAsync(socket, payload, Token)).SequenceEqual(payload) ? 1 : 0;
            }

            return ok;
        }));

        results.Sum().ShouldBe(1000);
        harness.Proxy.Counters.Connections.ShouldBe(50);
    }

    [Fact]
    public async Task Latency_RoundTrips_DelayedByTheConfiguredDistribution()
    {
        await using var harness = ProxyHarness.Start();
        harness.Settings.Apply(new ProxyFaultConfiguration { Mode = "latency", LatencyMs = 60, JitterMs = 30 });
        using var socket = await harness.ConnectAsync(Token);
        var measured = new List<double>();

        for (var i = 0; i < 30; i++)
        {
            var clock = Stopwatch.StartNew();
            await ProxyHarness.RoundTripAsync(socket, Payload(16), Token);
            measured.Add(clock.Elapsed.TotalMilliseconds);
        }

        // Every round trip waited at least the smallest delay the distribution can draw (mean - jitter), and on average
        // at least the mean less a margin for sampling; the proxy's own record of its delays matches the distribution.
        measured.ShouldAllBe(m => m >= 30 - 1);
        measured.Average().ShouldBeGreaterThan(60 - 15);
        var counters = harness.Proxy.Counters;
        counters.DelayedChunks.ShouldBe(30);
        (counters.DelayTotal.TotalMilliseconds / counters.DelayedChunks).ShouldBe(60, tolerance: 15);
    }

    [Fact]
    public async Task Bandwidth_Transfer_PacedNearTheRate()
    {
        await using var harness = ProxyHarness.Start();
        harness.Settings.Apply(new ProxyFaultConfiguration { Mode = "bandwidth", BytesPerSecond = 40_000 });
        using var socket = await harness.ConnectAsync(Token);
        var clock = Stopwatch.StartNew();

        await ProxyHarness.RoundTripAsync(socket, Payload(20_000), Token);

        // 20 kB each way at 40 kB/s per direction: the pipelined echo takes at least ~0.5 s; a generous band below,
        // no upper bound on a shared machine.
        (20_000 / clock.Elapsed.TotalSeconds).ShouldBeLessThan(40_000 * 1.5);
        harness.Proxy.Counters.ThrottleWaits.ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task Reset_NewConnection_ClientSeesConnectionReset()
    {
        await using var harness = ProxyHarness.Start();
        harness.Settings.Apply(new ProxyFaultConfiguration { Mode = "reset" });

        // The RST may arrive while the client still completes its connect, or on its first read.
        var error = await Should.ThrowAsync<SocketException>(async () =>
        {
            using var socket = await harness.ConnectAsync(Token);
            await ProxyHarness.RoundTripAsync(socket, Payload(16), Token);
        });

        error.SocketErrorCode.ShouldBeOneOf(SocketError.ConnectionReset, SocketError.ConnectionAborted);
        harness.Proxy.Counters.Resets.ShouldBe(1);
        harness.Upstream.Accepted.ShouldBe(0);
    }

    [Fact]
    public async Task Reset_OpenConnection_ResetOnItsNextChunk()
    {
        await using var harness = ProxyHarness.Start();
        using var socket = await harness.ConnectAsync(Token);
        await ProxyHarness.RoundTripAsync(socket, Payload(16), Token);
        harness.Settings.Apply(new ProxyFaultConfiguration { Mode = "reset" });

        var error = await Should.ThrowAsync<SocketException>(() => ProxyHarness.RoundTripAsync(socket, Payload(16), Token));

        error.SocketErrorCode.ShouldBeOneOf(SocketError.ConnectionReset, SocketError.ConnectionAborted);
    }

    [Fact]
    public async Task Timeout_NoBytesComeBackWithinTheWindow()
    {
        await using var harness = ProxyHarness.Start();
        harness.Settings.Apply(new ProxyFaultConfiguration { Mode = "timeout" });
        using var socket = await harness.ConnectAsync(Token);
        await socket.SendAsync(Payload(16), SocketFlags.None, Token);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(Token);
        window.CancelAfter(TimeSpan.FromMilliseconds(500));

        await Should.ThrowAsync<OperationCanceledException>(async () => await socket.ReceiveAsync(new byte[16], SocketFlags.None, window.Token));

        harness.Proxy.Counters.Blackholed.ShouldBe(1);
        harness.Upstream.Accepted.ShouldBe(0);
    }

    [Fact]
    public async Task Timeout_SwitchedOff_NewConnectionsPassAgain()
    {
        await using var harness = ProxyHarness.Start();
        harness.Settings.Apply(new ProxyFaultConfiguration { Mode = "timeout" });
        using (await harness.ConnectAsync(Token))
        {
        }

        harness.Settings.Clear();
        using var socket = await harness.ConnectAsync(Token);

        (await ProxyHarness.RoundTripAsync(socket, Payload(32), Token)).ShouldBe(Payload(32));
    }

    [Fact]
    public async Task SlowClose_PeerClose_HeldBackForTheDelay()
    {
        await using var harness = ProxyHarness.Start();
        harness.Settings.Apply(new ProxyFaultConfiguration { Mode = "slow-close", CloseDelayMs = 400 });
        using var socket = await harness.ConnectAsync(Token);
        await ProxyHarness.RoundTripAsync(socket, Payload(16), Token);
        var clock = Stopwatch.StartNew();

        // The client closes its side; the echo server closes back only once the proxy passes the close on.
        socket.Shutdown(SocketShutdown.Send);
        var read = await socket.ReceiveAsync(new byte[16], SocketFlags.None, Token);

        read.ShouldBe(0);
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(400 - 5));
        harness.Proxy.Counters.SlowCloses.ShouldBeGreaterThanOrEqualTo(1);
    }
}
