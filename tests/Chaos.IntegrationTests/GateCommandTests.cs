using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;
using Chaos.Engine;
using Chaos.Reporting;
using Chaos.Slo;
using Chaos.Targets;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace Chaos.IntegrationTests;

/// <summary><c>chaos gate</c> as CI calls it: runs the set, writes one JUnit file and gate.json, exits with the gate.</summary>
[Trait("Category", "Containers")]
public sealed class GateCommandTests : IDisposable
{
    private readonly string _reports = Directory.CreateTempSubdirectory("chaos-gate-").FullName;

    [Fact]
    public async Task Gate_CatalogueOnFullStack_Exits0WithOneJUnitFileForTheGate()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var image = await ContainerPreconditions.RequireAsync(cancellationToken);
        // Blast radius: a container of the same image but without any run's labels, beside the whole catalogue.
        TestcontainersSettings.ResourceReaperEnabled = false;
        await using var bystander = new ContainerBuilder(image)
            .WithName($"bystander-{Guid.NewGuid():N}"[..24])
            .WithCommand("inference", "--model-dir", "/models", "--model", "credit", "--port", "8080")
            .WithImagePullPolicy(_ => false)
            .Build();
        await bystander.StartAsync(cancellationToken);
        using var engine = new DockerEngine();
        var before = await engine.StateAsync(bystander.Id, cancellationToken);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Chaos.Cli.dll"), "gate", Path.Combine(Repository.Root, "scenarios"), "--repeat", "1", "--reports", _reports },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        start.Environment["CHAOS_STACK_IMAGE"] = image;
        using var process = Process.Start(start)!;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A hang guard, not a timing claim: the whole catalogue, one run each (22 scenarios: most of the container pass on this 2-core machine),
        // with room for a CI machine twice as slow.
        bound.CancelAfter(TimeSpan.FromMinutes(45));
        var stdout = process.StandardOutput.ReadToEndAsync(bound.Token);
        var stderr = process.StandardError.ReadToEndAsync(bound.Token);
        await process.WaitForExitAsync(bound.Token);
        var output = await stdout + await stderr;

        process.ExitCode.ShouldBe(ExitCodes.Passed, output);
        output.ShouldContain("expected wall time");
        var gate = Directory.GetDirectories(_reports, "gate-*").ShouldHaveSingleItem();
        var junit = XDocument.Load(Path.Combine(gate, "junit.xml"));
        junit.Root!.Name.LocalName.ShouldBe("testsuites");
        junit.Root.Elements("testsuite").Count().ShouldBe(Directory.GetFiles(Path.Combine(Repository.Root, "scenarios"), "*.yaml").Length);
        junit.Descendants("failure").ShouldBeEmpty();
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(gate, "gate.json"), cancellationToken));
        json.RootElement.GetProperty("exitCode").GetInt32().ShouldBe(0);
        File.Exists(Path.Combine(gate, "summary.md")).ShouldBeTrue();
        var after = await engine.StateAsync(bystander.Id, cancellationToken);
        after.ShouldNotBeNull("the bystander container was removed");
        after.Running.ShouldBeTrue("the bystander container was stopped");
        after.Paused.ShouldBeFalse();
        after.StartedAt.ShouldBe(before!.StartedAt, "the bystander container was restarted");

        // Two runs of the gate checked in depth (a second run of each would cost CI minutes): replica-kill and data-drift.
        var runs = Directory.GetDirectories(gate)
            .Select(d => new RunSummary(ResultJsonWriter.Deserialize(File.ReadAllText(Path.Combine(d, "result.json")))!, d, ExitCodes.Passed))
            .ToList();
        await ReplicaKillTests.ShouldHavePassedWithReportsAsync(runs.Single(r => r.Report.ScenarioName == "replica-kill"));
        await DataDriftChecks.ShouldHaveAlarmedRetrainedAndDecidedAsync(runs.Single(r => r.Report.ScenarioName == "data-drift"));
    }

    public void Dispose() => Directory.Delete(_reports, recursive: true);
}
