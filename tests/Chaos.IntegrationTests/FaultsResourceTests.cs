using Chaos.Faults;
using Chaos.Scenarios;

namespace Chaos.IntegrationTests;

/// <summary>
/// The resource fault kinds on a real stack: pressure seen in the engine's container stats, and gone after the revert; the
/// accelerator's loss seen in the node's metrics, and back after the revert.
/// </summary>
[Trait("Category", "Containers")]
[Collection(FaultStackCollection.Name)]
public sealed class FaultsResourceTests(FaultProxyStackFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ResourceCpu_BurnsInTheTarget_ThenTheProcessIsGone()
    {
        var injection = await InjectAsync(new FaultSpec { At = TimeSpan.Zero, Kind = "resource.cpu", Target = Inference, Cores = 1, Duration = TimeSpan.FromSeconds(20) });
        try
        {
            injection.Verified.ShouldBeTrue(injection.Observation);
        }
        finally
        {
            (await injection.RevertAsync(Token)).ShouldBeTrue();
        }
        await ShouldAnswerAsync();
    }

    [Fact]
    public async Task ResourceMemory_HoldsMemoryInTheTarget_ThenReleasesIt()
    {
        var target = fixture.Member("inference-1");
        var before = (await fixture.Engine.UsageAsync(target.Id, Token))!.Value.MemoryBytes;
        var injection = await InjectAsync(new FaultSpec { At = TimeSpan.Zero, Kind = "resource.memory", Target = Inference, MemoryMegabytes = 200, Duration = TimeSpan.FromSeconds(20) });
        try
        {
            injection.Verified.ShouldBeTrue(injection.Observation);
        }
        finally
        {
            (await injection.RevertAsync(Token)).ShouldBeTrue();
        }
        // The stress process's memory went with it: usage falls back below the half-way mark of the fault.
        var context = Context(new FaultSpec { At = TimeSpan.Zero, Kind = "resource.memory", Target = Inference });
        (await context.ObserveAsync(async () => (await fixture.Engine.UsageAsync(target.Id, Token))!.Value.MemoryBytes < before + (100UL << 20), TimeSpan.FromSeconds(10), Token))
            .ShouldBeTrue();
        await ShouldAnswerAsync();
    }

    [Fact]
    public async Task GpuLoss_NodeRebuildsOnTheCpuAndKeepsAnswering_ThenGetsItBack()
    {
        var node = fixture.Member("inference-1");
        var injection = await InjectAsync(new FaultSpec { At = TimeSpan.Zero, Kind = "gpu.loss", Target = Inference, Duration = TimeSpan.FromSeconds(20) });
        try
        {
            injection.Verified.ShouldBeTrue(injection.Observation);
            var metrics = await fixture.Client.GetStringAsync(new Uri(node.HostUrl, "/metrics"), Token);
            metrics.ShouldContain("chaos_inference_accelerator_available{replica=\"inference-1\"} 0");
            await ShouldAnswerAsync();
        }
        finally
        {
            (await injection.RevertAsync(Token)).ShouldBeTrue();
        }
        (await fixture.Client.GetStringAsync(new Uri(node.HostUrl, "/metrics"), Token)).ShouldContain("chaos_inference_accelerator_available{replica=\"inference-1\"} 1");
        await ShouldAnswerAsync();
    }

    private static TargetSelector Inference => new() { Role = "inference", Pick = "all" };

    private FaultContext Context(FaultSpec spec) => fixture.FaultContext(spec, leaveOut: "inference-2");

    private async Task<FaultInjection> InjectAsync(FaultSpec spec)
    {
        var injection = await FaultCatalog.Create(spec.Kind).InjectAsync(Context(spec), Token);
        injection.Targets.ShouldBe(["inference-1"]);
        return injection;
    }

    private async Task ShouldAnswerAsync()
    {
        using var response = await fixture.Client.GetAsync(new Uri(fixture.Member("inference-1").HostUrl, "/v2/health/ready"), Token);
        response.IsSuccessStatusCode.ShouldBeTrue();
    }
}
