using Chaos.Targets;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace Chaos.IntegrationTests;

/// <summary>Leftovers of a run whose process died (kill -9, a crashed CI job) are removed at the next start.</summary>
[Trait("Category", "Containers")]
public sealed class ReaperTests
{
    [Fact]
    public async Task ReapStaleRuns_OwnerProcessGone_RemovesItsContainersAndNetworks()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var image = await ContainerPreconditions.RequireAsync(cancellationToken);
        TestcontainersSettings.ResourceReaperEnabled = false;
        var runId = $"stale-{Guid.NewGuid():N}"[..20];
        const string deadOwner = "2147483000:1";
        var network = new NetworkBuilder().WithName($"chaos-{runId}")
            .WithLabel(ChaosLabels.Project, ChaosLabels.ProjectValue).WithLabel(ChaosLabels.Run, runId).WithLabel(ChaosLabels.Owner, deadOwner)
            .Build();
        await network.CreateAsync(cancellationToken);
        var container = new ContainerBuilder(image).WithName($"chaos-{runId}-orphan").WithNetwork(network)
            .WithLabel(ChaosLabels.Project, ChaosLabels.ProjectValue).WithLabel(ChaosLabels.Run, runId).WithLabel(ChaosLabels.Owner, deadOwner)
            .WithCommand("inference", "--model-dir", "/models", "--model", "credit", "--port", "8080")
            .WithImagePullPolicy(_ => false)
            .Build();
        await container.StartAsync(cancellationToken);

        using var engine = new DockerEngine();
        (await engine.ListContainersAsync(runId, cancellationToken)).Count.ShouldBe(1);
        var reaped = await engine.ReapStaleRunsAsync(cancellationToken);

        reaped.ShouldContain(runId);
        (await engine.ListContainersAsync(runId, cancellationToken)).ShouldBeEmpty();
        (await engine.ListNetworksAsync(runId, cancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReapStaleRuns_OwnerAlive_LeavesTheRunAlone()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await ContainerPreconditions.RequireAsync(cancellationToken);
        TestcontainersSettings.ResourceReaperEnabled = false;
        var runId = $"live-{Guid.NewGuid():N}"[..20];
        var network = new NetworkBuilder().WithName($"chaos-{runId}")
            .WithLabel(ChaosLabels.Project, ChaosLabels.ProjectValue).WithLabel(ChaosLabels.Run, runId).WithLabel(ChaosLabels.Owner, OwnerProcess.Current)
            .Build();
        await network.CreateAsync(cancellationToken);
        try
        {
            using var engine = new DockerEngine();
            var reaped = await engine.ReapStaleRunsAsync(cancellationToken);

            reaped.ShouldNotContain(runId);
            (await engine.ListNetworksAsync(runId, cancellationToken)).Count.ShouldBe(1);
        }
        finally
        {
            await network.DeleteAsync(CancellationToken.None);
        }
    }
}
