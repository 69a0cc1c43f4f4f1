using System.Diagnostics;
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
