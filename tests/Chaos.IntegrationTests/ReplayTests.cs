using Chaos.Engine;
using Chaos.Reporting;
using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.IntegrationTests;

/// <summary>
/// <c>--seed</c> replays a run's choices end to end: two runs of the same scenario with the same seed kill the same one of
/// three replicas and send the same applicants, so their predictions score the same against ground truth. Each run's
/// journal also holds the engine's own event of the kill (the Docker events observer), on the run's clock.
/// </summary>
[Trait("Category", "Containers")]
public sealed class ReplayTests : IDisposable
{
    // Short on purpose: the kill comes late, so that the gateway's retries answer every request in both runs and the
    // scored predictions are the same set; the seed in the file is overridden by the run's.
    private const string Yaml = """
        name: replay
        seed: 1
        stack: { variant: full, replicas: 3 }
        load: { rate: 40/s, duration: 8s, warmup: 2s, timeout: 2s }
        faults:
          - { at: 6s, kind: container.kill, target: { role: inference, pick: one } }
        slos:
          predictionQuality: { metric: accuracy, target: ">= 0.5" }
        """;

    private readonly string _reports = Directory.CreateTempSubdirectory("chaos-replay-").FullName;

    [Fact]
    public async Task Run_SameSeedTwice_SameFaultTargetAndSamePredictionQuality()
    {
        var first = await RunAsync(seed: 424242);
        var second = await RunAsync(seed: 424242);

        first.Report.Seed.ShouldBe(424242);
        second.Report.Seed.ShouldBe(424242);
        Target(second).ShouldBe(Target(first));
        var (firstQuality, secondQuality) = (Quality(first), Quality(second));
        firstQuality.Message.ShouldNotBeNull().ShouldContain("over 320 predictions");
        secondQuality.Message.ShouldBe(firstQuality.Message);
        secondQuality.Measured.ShouldBe(firstQuality.Measured);
    }

    private async Task<RunSummary> RunAsync(int seed)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var image = await ContainerPreconditions.RequireAsync(cancellationToken);
        var loaded = ScenarioLoader.Parse(Yaml, "replay.yaml");
        loaded.IsValid.ShouldBeTrue(ScenarioErrorFormatter.Format(loaded.Errors));
        var summary = await new ScenarioRunner(TimeProvider.System).RunAsync(loaded.Scenario!, new RunOptions
        {
            ReportsRoot = _reports,
            Seed = seed,
            Image = image,
            Progress = new TestOutputProgress(),
        }, cancellationToken);
        summary.Report.Events.ShouldContain(e => e.Type == RunEvent.Types.FaultVerified);
        // The Docker events observer saw the kill on the run's clock: the target's container died within seconds of the injection.
        var injected = summary.Report.Events.Single(e => e.Type == RunEvent.Types.FaultInjected);
        var died = summary.Report.Events.Where(e => e.Type == "docker.die" && JournalData.Text(e, "container").EndsWith("-" + Target(summary), StringComparison.Ordinal)).ToList();
        died.ShouldNotBeEmpty("no docker.die event for the killed replica");
        died[0].Seconds.ShouldBeInRange(injected.Seconds - 1, injected.Seconds + 10);
        JournalData.Text(died[0], "role").ShouldBe("inference");
        return summary;
    }

    private static string Target(RunSummary run)
    {
        var injected = run.Report.Events.Single(e => e.Type == RunEvent.Types.FaultInjected);
        var targets = JournalData.Text(injected, "targets");
        targets.ShouldStartWith("inference-");
        return targets;
    }

    private static SloResult Quality(RunSummary run) => run.Report.Slos.Single(s => s.Name == SloDefinitions.PredictionQuality);

    public void Dispose() => Directory.Delete(_reports, recursive: true);
}
