using System.Diagnostics;
using Chaos.Faults;
using Chaos.Scenarios;
using Chaos.Targets;

namespace Chaos.IntegrationTests;

/// <summary>
/// A stack with nothing that heals (no controller), a fault proxy in front of each replica and the pipeline: a fault on a
/// node stays until its revert, so each test sees the effect from outside, reverts, and sees it gone.
/// </summary>
public sealed class FaultNodeStackFixture() : StackFixture(StackVariant.NoSelfHealing, faultProxies: true)
{
    protected override StackOptions Configure(StackOptions options) => options with { Pipeline = true };
}

/// <summary>
/// container.stop, container.pause, container.restart and network.partition on inference-1: each test observes the effect
/// the way another client would (the node's own port, the proxy in front of it on the run's network, the engine's process
/// id), reverts the fault, and sees the node answer again. The front door keeps answering through the other replica.
/// </summary>
[Trait("Category", "Containers")]
[Collection(FaultNodeStackCollection.Name)]
public sealed class FaultsNodeTests(FaultNodeStackFixture fixture)
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ContainerStop_NodeAnswersNothing_ThenStartsAndAnswersAgain()
    {
        var node = await ReadyAddressAsync();
        var injection = await InjectAsync(ContainerStopSpec);
        try
        {
            injection.Verified.ShouldBeTrue(injection.Observation);
            (await fixture.Engine.IsRunningAsync(Node.Id, Token)).ShouldBeFalse();
            (await ProbeAsync(node, TimeSpan.FromSeconds(3))).Ok.ShouldBeFalse();
            await FrontDoorShouldAnswerAsync();
        }
        finally
        {
            (await injection.RevertAsync(Token)).ShouldBeTrue();
        }
        (await ReadyAddressAsync()).ShouldNotBeNull();
    }

    [Fact]
    public async Task ContainerPause_NodeHangsWithoutAnswering_ThenAnswersAgain()
    {
        var node = await ReadyAddressAsync();
        var injection = await InjectAsync(new FaultSpec { At = TimeSpan.Zero, Kind = "container.pause", Target = Inference, Duration = TimeSpan.FromSeconds(30) });
        try
        {
            injection.Verified.ShouldBeTrue(injection.Observation);
            // A hung node: the connection is taken (the engine's port is there), no answer comes.
            var (ok, elapsed) = await ProbeAsync(node, TimeSpan.FromSeconds(1));
            ok.ShouldBeFalse();
            elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9));
            await FrontDoorShouldAnswerAsync();
        }
        finally
        {
            (await injection.RevertAsync(Token)).ShouldBeTrue();
        }
        (await ProbeAsync(node, TimeSpan.FromSeconds(5))).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task ContainerRestart_NodeRunsAsANewProcess_AndAnswersAgain()
    {
        await ReadyAddressAsync();
        var before = (await fixture.Engine.StateAsync(Node.Id, Token))!;
        var injection = await InjectAsync(new FaultSpec { At = TimeSpan.Zero, Kind = "container.restart", Target = Inference });

        injection.Verified.ShouldBeTrue(injection.Observation);
        var after = (await fixture.Engine.StateAsync(Node.Id, Token))!;
        after.Pid.ShouldNotBe(before.Pid);
        after.StartedAt.ShouldNotBe(before.StartedAt);
        // Nothing to revert: the node comes back by itself.
        (await injection.RevertAsync(Token)).ShouldBeTrue();
        (await ReadyAddressAsync()).ShouldNotBeNull();
    }

    [Fact]
    public async Task NetworkPartition_NoRoleReachesTheNode_ThenReachesItAgain()
    {
        await ReadyAddressAsync();
        (await ThroughProxyAsync()).Ok.ShouldBeTrue("the proxy reaches inference-1 before the partition");
        var injection = await InjectAsync(new FaultSpec { At = TimeSpan.Zero, Kind = "network.partition", Target = Inference, Duration = TimeSpan.FromSeconds(30) });
        try
        {
            injection.Verified.ShouldBeTrue(injection.Observation);
            (await fixture.Engine.NetworksOfAsync(Node.Id, Token))!.ShouldNotContain(fixture.Stack.NetworkName);
            // The proxy is another container on the run's network: it no longer gets through to the node.
            (await ThroughProxyAsync()).Ok.ShouldBeFalse();
            await FrontDoorShouldAnswerAsync();
        }
        finally
        {
            (await injection.RevertAsync(Token)).ShouldBeTrue();
        }
        (await fixture.Engine.NetworksOfAsync(Node.Id, Token))!.ShouldContain(fixture.Stack.NetworkName);
        (await Context(ContainerStopSpec).ObserveAsync(async () => (await ThroughProxyAsync()).Ok, ReadyWithin, Token)).ShouldBeTrue("the proxy reaches inference-1 again after the revert");
    }

    private static FaultSpec ContainerStopSpec => new() { At = TimeSpan.Zero, Kind = "container.stop", Target = Inference, Duration = TimeSpan.FromSeconds(30) };

    private static TargetSelector Inference => new() { Role = "inference", Pick = "one" };

    private StackContainer Node => fixture.Member("inference-1");

    private FaultContext Context(FaultSpec spec) => fixture.FaultContext(spec, leaveOut: "inference-2");

    private async Task<FaultInjection> InjectAsync(FaultSpec spec)
    {
        var injection = await FaultCatalog.Create(spec.Kind).InjectAsync(Context(spec), Token);
        injection.Targets.ShouldBe(["inference-1"]);
        return injection;
    }

    /// <summary>inference-1's address once it answers ready (a stop or restart may move its published port).</summary>
    private async Task<Uri> ReadyAddressAsync()
    {
        var address = await ContainerReady.AddressWhenReadyAsync(Context(ContainerStopSpec), fixture.Client, Node, ReadyWithin, Token);
        address.ShouldNotBeNull($"inference-1 did not answer ready within {ReadyWithin.TotalSeconds:0} s");
        // The other tests of the collection read the members' addresses: keep them current.
        await fixture.Stack.RefreshMembersAsync(Token);
        return address;
    }

    private async Task FrontDoorShouldAnswerAsync()
    {
        using var answer = await RegistryCorruption.InferAsync(fixture.Client, fixture.Stack.FrontDoor, age: 40, Token);
        answer.IsSuccessStatusCode.ShouldBeTrue("the front door answers through the other replica");
    }

    /// <summary>inference-1's health through the fault proxy in front of it (a container on the run's network).</summary>
    private async Task<(bool Ok, TimeSpan Elapsed)> ThroughProxyAsync()
    {
        var proxy = fixture.Member(DockerStack.ProxyAliasOf("inference-1"));
        var port = await fixture.Engine.PublishedPortAsync(proxy.Id, DockerStack.ProxyTrafficPort, Token);
        port.ShouldNotBeNull();
        return await ProbeAsync(new Uri($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(3));
    }

    private static async Task<(bool Ok, TimeSpan Elapsed)> ProbeAsync(Uri node, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = timeout };
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.GetAsync(new Uri(node, "/v2/health/ready"), Token);
            return (response.IsSuccessStatusCode, clock.Elapsed);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return (false, clock.Elapsed);
        }
    }
}

/// <summary>The node, data and model fault tests share one stack without self-healing.</summary>
[CollectionDefinition(Name)]
public sealed class FaultNodeStackCollection : ICollectionFixture<FaultNodeStackFixture>
{
    public const string Name = "fault node stack";
}
