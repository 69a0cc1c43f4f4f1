using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;
using Chaos.Engine;
using Chaos.Reporting;
using Chaos.Scenarios;
using Chaos.Slo;
using Chaos.Targets;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace Chaos.IntegrationTests;

/// <summary>
/// <c>chaos gate</c> as CI calls it: runs the set, writes one JUnit file and gate.json, exits with the gate; a bystander
/// container without any run's labels, started beside the set, is untouched after it (blast radius). CI runs the smoke gate
/// (the scenarios tagged smoke: node kill, corrupt data, drift, region loss) on every change; the whole catalogue is the
/// Catalogue test, one documented command (README), kept out of the 30-minute CI budget.
/// </summary>
public sealed class GateCommandTests : IDisposable
{
    private readonly string _reports = Directory.CreateTempSubdirectory("chaos-gate-").FullName;

    [Fact]
    [Trait("Category", "Containers")]
    public async Task Gate_SmokeOnFullStack_Exits0AndEachRunShowsItsFaultAndRecovery()
    {
        var gate = await RunGatePassingAsync(["--tag", "smoke", "--weights", "predictionQuality=3,dataLoss=0"], Tagged("smoke"), TimeSpan.FromMinutes(20));

        // The weights given on the command line are the ones the score used, and gate.json says so.
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(gate, "gate.json"), TestContext.Current.CancellationToken)))
        {
            var weights = json.RootElement.GetProperty("score").GetProperty("weights");
            weights.GetProperty("predictionQuality").GetDouble().ShouldBe(3);
            weights.GetProperty("dataLoss").GetDouble().ShouldBe(0);
            weights.GetProperty("availability").GetDouble().ShouldBe(3);
            json.RootElement.GetProperty("score").GetProperty("explanation").GetString().ShouldNotBeNull().ShouldContain("predictionQuality 3");
        }

        // Three runs of the gate checked in depth (a second run of each would cost CI minutes).
        var runs = Directory.GetDirectories(gate)
            .Select(d => new RunSummary(ResultJsonWriter.Deserialize(File.ReadAllText(Path.Combine(d, "result.json")))!, d, ExitCodes.Passed))
            .ToList();
        runs.Select(r => r.Report.ScenarioName).Order().ShouldBe(["data-corrupt", "data-drift", "region-loss", "replica-kill"]);
        await ReplicaKillTests.ShouldHavePassedWithReportsAsync(runs.Single(r => r.Report.ScenarioName == "replica-kill"));
        await DataDriftChecks.ShouldHaveAlarmedRetrainedAndDecidedAsync(runs.Single(r => r.Report.ScenarioName == "data-drift"));
        await RegionLossChecks.ShouldHaveFailedOverAndComeBackAsync(runs.Single(r => r.Report.ScenarioName == "region-loss"));
    }

    // Exit code 1 from the command itself: the known-bad variant without retries and with one replica loses every request
    // while its only replica is dead; the guardrail aborts the run, the faults are rolled back, and the JUnit file names the
    // failed SLOs with their measured value, target and margin.
    [Fact]
    [Trait("Category", "Containers")]
    public async Task Run_KnownBadVariant_Exits1AndTheJUnitFailuresCarryTheMeasurements()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var image = await ContainerPreconditions.RequireAsync(cancellationToken);

        var (exitCode, output) = await RunCliAsync(
            ["run", Repository.Scenario("replica-kill"), "--variant", StackVariant.SingleReplicaNoRetry.Name, "--seed", "7", "--reports", _reports],
            image, TimeSpan.FromMinutes(5));

        exitCode.ShouldBe(ExitCodes.Failed, output);
        output.ShouldNotContain("   at ");
        var run = Directory.GetDirectories(_reports).ShouldHaveSingleItem();
        var report = ResultJsonWriter.Deserialize(await File.ReadAllTextAsync(Path.Combine(run, "result.json"), cancellationToken))!;
        report.Outcome.ShouldBe(RunOutcome.Failed);
        report.Seed.ShouldBe(7);
        report.Variant.ShouldBe(StackVariant.SingleReplicaNoRetry.Name);
        var failures = XDocument.Load(Path.Combine(run, "junit.xml")).Descendants("failure").ToList();
        failures.ShouldNotBeEmpty();
        var availability = failures.Single(f => f.Parent!.Attribute("name")!.Value == SloDefinitions.Availability);
        availability.Attribute("message")!.Value.ShouldMatch(@"^availability: measured [\d.]+%, target >= 99\.5%, margin -[\d.]+ pp$");
        report.Events.ShouldContain(e => e.Type == RunEvent.Types.FaultReverted);
    }

    [Fact]
    [Trait("Category", "Catalogue")]
    public async Task Gate_CatalogueOnFullStack_Exits0WithOneJUnitFileForTheGate() =>
        await RunGatePassingAsync([], Directory.GetFiles(Path.Combine(Repository.Root, "scenarios"), "*.yaml").Length, TimeSpan.FromMinutes(60));

    // Runs `chaos gate scenarios [extra]` once per scenario beside a bystander; returns the gate's report folder.
    private async Task<string> RunGatePassingAsync(string[] extra, int scenarios, TimeSpan hangGuard)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var image = await ContainerPreconditions.RequireAsync(cancellationToken);
        // Blast radius: a container of the same image but without any run's labels, beside the whole set.
        TestcontainersSettings.ResourceReaperEnabled = false;
        await using var bystander = new ContainerBuilder(image)
            .WithName($"bystander-{Guid.NewGuid():N}"[..24])
            .WithCommand("inference", "--model-dir", "/models", "--model", "credit", "--port", "8080")
            .WithImagePullPolicy(_ => false)
            .Build();
        await bystander.StartAsync(cancellationToken);
        using var engine = new DockerEngine();
        var before = await engine.StateAsync(bystander.Id, cancellationToken);
        var (exitCode, output) = await RunCliAsync(["gate", Path.Combine(Repository.Root, "scenarios"), .. extra, "--repeat", "1", "--reports", _reports], image, hangGuard);

        exitCode.ShouldBe(ExitCodes.Passed, output);
        output.ShouldContain("expected wall time");
        var gate = Directory.GetDirectories(_reports, "gate-*").ShouldHaveSingleItem();
        var junit = XDocument.Load(Path.Combine(gate, "junit.xml"));
        junit.Root!.Name.LocalName.ShouldBe("testsuites");
        junit.Root.Elements("testsuite").Count().ShouldBe(scenarios);
        junit.Descendants("failure").ShouldBeEmpty();
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(gate, "gate.json"), cancellationToken));
        json.RootElement.GetProperty("exitCode").GetInt32().ShouldBe(0);
        File.Exists(Path.Combine(gate, "summary.md")).ShouldBeTrue();
        var after = await engine.StateAsync(bystander.Id, cancellationToken);
        after.ShouldNotBeNull("the bystander container was removed");
        after.Running.ShouldBeTrue("the bystander container was stopped");
        after.Paused.ShouldBeFalse();
        after.StartedAt.ShouldBe(before!.StartedAt, "the bystander container was restarted");
        return gate;
    }

    // Runs the chaos command against the image; the hang guard is not a timing claim: room for a CI machine twice as slow as this 2-core one.
    private static async Task<(int ExitCode, string Output)> RunCliAsync(string[] arguments, string image, TimeSpan hangGuard)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "Chaos.Cli.dll"), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["CHAOS_STACK_IMAGE"] = image;
        using var process = Process.Start(start)!;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(hangGuard);
        var stdout = process.StandardOutput.ReadToEndAsync(bound.Token);
        var stderr = process.StandardError.ReadToEndAsync(bound.Token);
        await process.WaitForExitAsync(bound.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static int Tagged(string tag) => Directory.GetFiles(Path.Combine(Repository.Root, "scenarios"), "*.yaml")
        .Count(f => ScenarioLoader.Parse(File.ReadAllText(f), f).Scenario?.Tags.Contains(tag) == true);

    public void Dispose() => Directory.Delete(_reports, recursive: true);
}
