using System.Diagnostics;
using Chaos.Faults;
using Chaos.Faults.NetworkLoss;
using Chaos.Scenarios;
using Chaos.Targets;

namespace Chaos.IntegrationTests;

/// <summary>
/// The network fault kinds on a real stack with fault proxies: each test injects one fault into inference-1, sees its
/// effect through the proxy's published port (or the namespace's iptables counters), reverts it and sees it gone.
/// </summary>
[Trait("Category", "Containers")]
[Collection(FaultStackCollection.Name)]
public sealed class FaultsNetworkTests(FaultProxyStackFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NetworkLatency_DelaysAnswersThroughTheProxy_ThenReverts()
    {
        var injection = await InjectAsync("network.latency", new FaultSpec { At = TimeSpan.Zero, Kind = "network.latency", Target = Inference, Delay = TimeSpan.FromMilliseconds(300), Jitter = TimeSpan.FromMilliseconds(100) });
        try
        {
            injection.Verified.ShouldBeTrue(injection.Observation);
            // Every answer through the proxy waited at least the smallest delay the fault can draw.
            (await TimedLiveAsync()).Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(200));
        }
        finally
        {
            (await injection.RevertAsync(Token)).ShouldBeTrue();
        }
        (await TimedLiveAsync()).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task NetworkBandwidth_ThrottlesThroughTheProxy_ThenReverts()
    {
        var injection = await InjectAsync("network.bandwidth", new FaultSpec { At = TimeSpan.Zero, Kind = "network.bandwidth", Target = Inference, BytesPerSecond = 400 });
        try
        {
            injection.Verified.ShouldBeTrue(injection.Observation);
            // A request of ~100 bytes and an answer of ~100 bytes at 400 B/s each way: at least ~0.25 s each.
            (await TimedLiveAsync()).Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(200));
        }
        finally
        {
            (await injection.RevertAsync(Token)).ShouldBeTrue();
        }
        (await TimedLiveAsync()).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task NetworkReset_ResetsConnectionsThroughTheProxy_ThenReverts()
    {
        var injection = await InjectAsync("network.reset", new FaultSpec { At = TimeSpan.Zero, Kind = "network.reset", Target = Inference });
        try
        {
            injection.Verified.ShouldBeTrue(injection.Observation);
            (await TimedLiveAsync()).Ok.ShouldBeFalse();
        }
        finally
        {
            (await injection.RevertAsync(Token)).ShouldBeTrue();
        }
        (await TimedLiveAsync()).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task NetworkTimeout_BlackHolesThroughTheProxy_ThenReverts()
    {
        var injection = await InjectAsync("network.timeout", new FaultSpec { At = TimeSpan.Zero, Kind = "network.timeout", Target = Inference });
        try
        {
            injection.Verified.ShouldBeTrue(injection.Observation);
            var (ok, elapsed) = await TimedLiveAsync(TimeSpan.FromSeconds(1));
            ok.ShouldBeFalse();
            elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9));
        }
        finally
        {
            (await injection.RevertAsync(Token)).ShouldBeTrue();
        }
        (await TimedLiveAsync()).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task NetworkSlowClose_HoldsClosesInTheProxy_ThenReverts()
    {
        var injection = await InjectAsync("network.slow-close", new FaultSpec { At = TimeSpan.Zero, Kind = "network.slow-close", Target = Inference, Delay = TimeSpan.FromMilliseconds(500) });
        try
        {
            injection.Verified.ShouldBeTrue(injection.Observation);
        }
        finally
        {
            (await injection.RevertAsync(Token)).ShouldBeTrue();
        }
        (await TimedLiveAsync()).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task NetworkLoss_DropsPacketsInTheNamespace_ThenRemovesExactlyItsRule()
    {
        var target = fixture.Member("inference-1");
        var injection = await InjectAsync("network.loss", new FaultSpec { At = TimeSpan.Zero, Kind = "network.loss", Target = Inference, Rate = 0.5 });
        var pid = (int)(await fixture.Engine.StateAsync(target.Id, Token))!.Pid;
        try
        {
            injection.Verified.ShouldBeTrue(injection.Observation);
            (await ListInputAsync(pid)).ShouldContain("chaos-loss-");
        }
        finally
        {
            (await injection.RevertAsync(Token)).ShouldBeTrue();
        }
        (await ListInputAsync(pid)).ShouldNotContain("chaos-loss-");
        (await TimedLiveAsync()).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task DependencySlow_RegistryAnswersItsReadersLate_ThenOnTime()
    {
        var spec = new FaultSpec { At = TimeSpan.Zero, Kind = "dependency.slow", Target = new TargetSelector { Role = "registry" }, Delay = TimeSpan.FromMilliseconds(400) };
        var injection = await FaultCatalog.Create(spec.Kind).InjectAsync(Context(spec), Token);
        injection.Targets.ShouldBe(["registry"]);
        try
        {
            injection.Verified.ShouldBeTrue(injection.Observation);
            // A read of the champion through the proxy, as a replica makes it, waited at least the delay.
            (await TimedLiveAsync(proxyOf: "registry", path: "/models/credit/aliases/champion")).Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(400));
            // Serving does not wait on the registry: a replica answers a prediction at once.
            using var predict = await fixture.Client.PostAsync(new Uri(fixture.Member("inference-2").HostUrl, "/v2/models/credit/infer"),
                new StringContent("{\"inputs\":[{\"name\":\"features\",\"shape\":[1,8],\"datatype\":\"FP32\",\"data\":[50,0.3,40,8,0,15,5,0]}]}", System.Text.Encoding.UTF8, "application/json"), Token);
            predict.IsSuccessStatusCode.ShouldBeTrue();
        }
        finally
        {
            (await injection.RevertAsync(Token)).ShouldBeTrue();
        }
        (await TimedLiveAsync(proxyOf: "registry", path: "/models/credit/aliases/champion")).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task ProxyFault_OnTheGateway_IsAnError()
    {
        var context = Context(new FaultSpec { At = TimeSpan.Zero, Kind = "network.reset", Target = new TargetSelector { Role = "gateway" } });

        (await Should.ThrowAsync<FaultTargetException>(() => FaultCatalog.Create("network.reset").InjectAsync(context, Token))).Message.ShouldContain("role: inference");
    }

    [Fact]
    public void IptablesListing_CommentedRule_CountParsed()
    {
        const string listing = "Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n    pkts      bytes target     prot opt in     out     source               destination\n      17     1020 DROP       0    --  *      *       0.0.0.0/0            0.0.0.0/0            statistic mode random probability 0.50000000000 /* chaos-loss-x-1 */\n";

        IptablesLossRule.ParseDropped(listing, "chaos-loss-x-1").ShouldBe(17);
        IptablesLossRule.ParseDropped(listing, "chaos-loss-y-1").ShouldBeNull();
    }

    private static TargetSelector Inference => new() { Role = "inference", Pick = "one" };

    private FaultContext Context(FaultSpec spec) => fixture.FaultContext(spec);

    // Seed 5 picks inference-1 of the two replicas; the tests assert on it.
    private async Task<FaultInjection> InjectAsync(string kind, FaultSpec spec)
    {
        var injection = await FaultCatalog.Create(kind).InjectAsync(Context(spec), Token);
        injection.Targets.ShouldBe(["inference-1"]);
        return injection;
    }

    /// <summary>One request (by default inference-1's health) through a proxy's published port: whether it answered 200, and how long it took.</summary>
    private async Task<(bool Ok, TimeSpan Elapsed)> TimedLiveAsync(TimeSpan? timeout = null, string proxyOf = "inference-1", string path = "/v2/health/live")
    {
        var proxy = fixture.Member(DockerStack.ProxyAliasOf(proxyOf));
        var port = await fixture.Engine.PublishedPortAsync(proxy.Id, DockerStack.ProxyTrafficPort, Token);
        port.ShouldNotBeNull();
        using var client = new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"), Token);
            return (response.IsSuccessStatusCode, clock.Elapsed);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return (false, clock.Elapsed);
        }
    }

    private static async Task<string> ListInputAsync(int pid) =>
        (await HostCommand.RunAsync("nsenter", ["-t", $"{pid}", "-n", "iptables", "-w", "5", "-L", "INPUT", "-n"], Token)).Output;
}
