using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Chaos.Stack.Hosting;
using Chaos.Stack.Proxy;

namespace Chaos.Stack.Tests.Proxy;

public sealed class ProxyNodeTests
{
    private const string Token = "proxy-test-token";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static async Task<(ProxyNode Node, EchoServer Upstream, HttpClient Client)> StartAsync()
    {
        var upstream = new EchoServer();
        var options = new ProxyOptions(new IPEndPoint(IPAddress.Loopback, 0), "127.0.0.1", upstream.EndPoint.Port, ListenAddress.LoopbackAnyPort, Token, Seed: 1);
        var node = ProxyNode.Create(options, TimeProvider.System);
        await node.StartAsync(Cancellation);
        return (node, upstream, new HttpClient { BaseAddress = node.AdminAddress });
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Admin_NoToken_401()
    {
        var (node, upstream, client) = await StartAsync();
        await using (node)
        await using (upstream)
        using (client)
        {
            using var response = await client.PostAsync(ProxyAdminEndpoints.Route, Json("""{"mode":"reset"}"""), Cancellation);

            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            node.Settings.Current.Mode.ShouldBe("off");
        }
    }

    [Fact]
    public async Task Admin_InvalidFault_400WithEveryError()
    {
        var (node, upstream, client) = await StartAsync();
        await using (node)
        await using (upstream)
        using (client)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            using var response = await client.PostAsync(ProxyAdminEndpoints.Route, Json("""{"mode":"latency","jitter_ms":-3}"""), Cancellation);

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var body = await response.Content.ReadAsStringAsync(Cancellation);
            body.ShouldContain("latency_ms");
            body.ShouldContain("jitter_ms");
        }
    }

    [Fact]
    public async Task Admin_SwitchOnThenDelete_ModeAndMetricsFollow()
    {
        var (node, upstream, client) = await StartAsync();
        await using (node)
        await using (upstream)
        using (client)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            using (var on = await client.PostAsync(ProxyAdminEndpoints.Route, Json("""{"mode":"reset"}"""), Cancellation))
            {
                on.StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            node.Settings.Current.Mode.ShouldBe("reset");
            using (var socket = new Socket(SocketType.Stream, ProtocolType.Tcp))
            {
                // The reset may hit the connect or the first read.
                await Should.ThrowAsync<SocketException>(async () =>
                {
                    await socket.ConnectAsync(node.Proxy.LocalEndPoint, Cancellation);
                    await socket.ReceiveAsync(new byte[1], SocketFlags.None, Cancellation);
                });
            }

            (await client.GetStringAsync("/metrics", Cancellation)).ShouldContain("chaos_proxy_faults_total{mode=\"reset\"} 1");
            using (var off = await client.DeleteAsync(ProxyAdminEndpoints.Route, Cancellation))
            {
                off.StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            node.Settings.Current.Mode.ShouldBe("off");
        }
    }

    [Theory]
    [InlineData("--upstream", "inference-1", "--admin-token", "t")]
    [InlineData("--upstream", "inference-1:0", "--admin-token", "t")]
    [InlineData("--upstream", "inference-1:8080")]
    public void Parse_BadArguments_Errors(params string[] arguments)
    {
        var (options, errors) = ProxyCommand.Parse(arguments);

        options.ShouldBeNull();
        errors.ShouldNotBeEmpty();
    }

    [Fact]
    public void Parse_Valid_UpstreamByName()
    {
        var (options, errors) = ProxyCommand.Parse(["--upstream", "inference-1:8080", "--admin-token", "t", "--listen-port", "9001"]);

        errors.ShouldBeEmpty();
        options!.Upstream.ShouldBe(new DnsEndPoint("inference-1", 8080));
        options.Listen.Port.ShouldBe(9001);
    }
}
