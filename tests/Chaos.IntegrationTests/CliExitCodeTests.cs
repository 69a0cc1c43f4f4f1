using System.Diagnostics;
using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.IntegrationTests;

/// <summary>The chaos command as CI calls it: bad input exits 2, a missing engine exits 3, never a stack trace.</summary>
public sealed class CliExitCodeTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("chaos-cli-").FullName;

    [Fact]
    public async Task Run_InvalidScenario_Exits2WithLocation()
    {
        var file = Path.Combine(_work, "bad.yaml");
        await File.WriteAllTextAsync(file, "name: bad\nload:\n  rate: fast\nslos:\n  availability: \">= 99%\"\n", TestContext.Current.CancellationToken);

        var (exitCode, output) = await RunCliAsync(["run", file], new Dictionary<string, string>());

        exitCode.ShouldBe(ExitCodes.BadInput, output);
        output.ShouldContain($"{file}:3:");
        output.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Run_UnknownVariant_Exits2()
    {
        var (exitCode, output) = await RunCliAsync(["run", Repository.Scenario("replica-kill"), "--variant", "no-such-variant"], new Dictionary<string, string>());

        exitCode.ShouldBe(ExitCodes.BadInput, output);
        output.ShouldContain("no-such-variant");
    }

    [Theory]
    [InlineData("run")]
    [InlineData("gate")]
    public async Task UnknownLoadTransport_Exits2NamingTheKnownOnes(string command)
    {
        var (exitCode, output) = await RunCliAsync([command, Repository.Scenario("replica-kill"), "--load-transport", "http2"], new Dictionary<string, string>());

        exitCode.ShouldBe(ExitCodes.BadInput, output);
        output.ShouldContain("--load-transport: unknown transport 'http2'; expected one of: dotnet, event-loop");
        output.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task GateMatrix_UnknownVariantRow_Exits2NamingIt()
    {
        var (exitCode, output) = await RunCliAsync(["gate", Repository.Scenario("replica-kill"), "--matrix", "--variants", "no-retries,no-such-practice"],
            new Dictionary<string, string>());

        exitCode.ShouldBe(ExitCodes.BadInput, output);
        output.ShouldContain("'no-such-practice'");
        output.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task GateMatrix_WithVariant_Exits2()
    {
        var (exitCode, output) = await RunCliAsync(["gate", Repository.Scenario("replica-kill"), "--matrix", "--variant", "no-retries"],
            new Dictionary<string, string>());

        exitCode.ShouldBe(ExitCodes.BadInput, output);
        output.ShouldContain("--variants");
    }

    [Fact]
    public async Task Gate_MisspelledWeight_Exits2NamingItAndTheKnownSlos()
    {
        var (exitCode, output) = await RunCliAsync(["gate", Repository.Scenario("replica-kill"), "--weights", "availabilty=3"], new Dictionary<string, string>());

        exitCode.ShouldBe(ExitCodes.BadInput, output);
        output.ShouldContain("--weights: 'availabilty': unknown SLO; expected one of: availability, fullService");
        output.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Gate_ResumeWithoutMatrix_Exits2()
    {
        var (exitCode, output) = await RunCliAsync(["gate", Repository.Scenario("replica-kill"), "--resume", _work], new Dictionary<string, string>());

        exitCode.ShouldBe(ExitCodes.BadInput, output);
        output.ShouldContain("--resume: only with --matrix");
    }

    [Fact]
    public async Task Gate_ResumeAFolderThatIsNoMatrix_Exits2NamingIt()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_work, "not-a-matrix")).FullName;

        var (exitCode, output) = await RunCliAsync(["gate", Repository.Scenario("replica-kill"), "--matrix", "--resume", folder], new Dictionary<string, string>());

        exitCode.ShouldBe(ExitCodes.BadInput, output);
        output.ShouldContain($"--resume: {folder} is not a matrix folder");
        output.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Run_UnknownOption_Exits2()
    {
        var (exitCode, output) = await RunCliAsync(["run", Repository.Scenario("replica-kill"), "--frobnicate"], new Dictionary<string, string>());

        exitCode.ShouldBe(ExitCodes.BadInput, output);
    }

    [Fact]
    public async Task Run_NoContainerEngine_Exits3WithoutStackTrace()
    {
        var environment = new Dictionary<string, string>
        {
            ["DOCKER_HOST"] = $"unix://{Path.Combine(_work, "no-engine.sock")}",
            ["CHAOS_STACK_IMAGE"] = "chaos-stack:absent",
        };

        var (exitCode, output) = await RunCliAsync(["run", Repository.Scenario("replica-kill"), "--reports", _work], environment);

        exitCode.ShouldBe(ExitCodes.NoVerdict, output);
        output.ShouldContain("no verdict possible");
        output.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Report_WithBaseline_WritesTheComparisonBesideTheRun()
    {
        var (before, after) = (Path.Combine(_work, "before"), Path.Combine(_work, "after"));
        await WriteRunAsync(before, "20261204-070000-aaaaaa", 0.97, RunOutcome.Failed);
        await WriteRunAsync(after, "20261204-071500-bbbbbb", 0.999, RunOutcome.Passed);

        var (exitCode, output) = await RunCliAsync(["report", after, "--baseline", before], new Dictionary<string, string>());

        exitCode.ShouldBe(ExitCodes.Passed, output);
        var compared = Path.Combine(after, "report-vs-20261204-070000-aaaaaa.html");
        output.Trim().ShouldEndWith(compared);
        var html = await File.ReadAllTextAsync(compared, TestContext.Current.CancellationToken);
        html.ShouldContain("Compared with the baseline");
        html.ShouldContain("Baseline: run 20261204-070000-aaaaaa");
        html.ShouldContain("<th scope=\"row\">availability</th>");
        File.Exists(Path.Combine(after, HtmlReportWriter.FileName)).ShouldBeTrue();
    }

    [Fact]
    public async Task Report_BaselineWithoutAResult_Exits2NamingIt()
    {
        var after = Path.Combine(_work, "after");
        await WriteRunAsync(after, "20261204-071500-bbbbbb", 0.999, RunOutcome.Passed);
        var empty = Directory.CreateDirectory(Path.Combine(_work, "empty")).FullName;

        var (exitCode, output) = await RunCliAsync(["report", after, "--baseline", empty], new Dictionary<string, string>());

        exitCode.ShouldBe(ExitCodes.BadInput, output);
        output.ShouldContain("baseline:");
        output.ShouldContain(empty);
        output.ShouldNotContain("   at ");
    }

    // A run folder as chaos run leaves it (result.json and the rest), with one availability SLO.
    private static Task WriteRunAsync(string directory, string runId, double availability, RunOutcome outcome)
    {
        var start = new DateTimeOffset(2026, 12, 4, 7, 0, 0, TimeSpan.Zero);
        var report = new RunReport
        {
            RunId = runId, ScenarioName = "replica-kill", StartedAt = start, FinishedAt = start.AddSeconds(60), Outcome = outcome,
            Environment = new RunEnvironment("test-machine", ".NET 10", "cpu"),
            Slos = [new SloResult("availability", ">= 99.5%", availability, availability - 0.995, availability >= 0.995 ? SloStatus.Passed : SloStatus.Failed,
                SloDefinitions.FractionUnit, SloDefinitions.AvailabilityDefinition, 3000)],
        };
        Directory.CreateDirectory(directory);
        return ReportSet.WriteAllAsync(report, directory, githubStepSummary: null, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Validate_Catalogue_Exits0()
    {
        var files = Directory.GetFiles(Path.Combine(Repository.Root, "scenarios"), "*.yaml");

        var (exitCode, output) = await RunCliAsync(["validate", .. files], new Dictionary<string, string>());

        exitCode.ShouldBe(ExitCodes.Passed, output);
    }

    private static async Task<(int ExitCode, string Output)> RunCliAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Chaos.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromMinutes(1));
        var stdout = process.StandardOutput.ReadToEndAsync(bound.Token);
        var stderr = process.StandardError.ReadToEndAsync(bound.Token);
        await process.WaitForExitAsync(bound.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
