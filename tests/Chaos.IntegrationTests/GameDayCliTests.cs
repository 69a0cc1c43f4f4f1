using Chaos.Slo;

namespace Chaos.IntegrationTests;

/// <summary>Bad input to <c>chaos gameday</c> is refused before anything starts: exit 2, every problem with its location.</summary>
public sealed class GameDayCliTests : IDisposable
{
    private readonly string _runbook = Path.Combine(Directory.CreateTempSubdirectory("chaos-runbook-").FullName, "bad.yaml");

    [Fact]
    public async Task GameDay_BadRunbookAndOptions_ExitTwoWithEveryErrorLocated()
    {
        await File.WriteAllTextAsync(_runbook, "name: x\nsteps:\n  - action: a\n    revert: all\n  - check: { slo: rto }\n", TestContext.Current.CancellationToken);
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await Chaos.Cli.ChaosCli.InvokeAsync(["gameday", "--runbook", _runbook, "--rate", "0", "--max-duration", "5h"], output, error);

        exitCode.ShouldBe(ExitCodes.BadInput);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain(l => l.StartsWith("--rate: expected requests per second", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("--max-duration: expected a duration", StringComparison.Ordinal));
        lines.ShouldContain($"{_runbook}:3:5: error: steps[0]: expected exactly one of: action, inject, revert, check; found action and revert");
        lines.ShouldContain(l => l.StartsWith($"{_runbook}:5:19: error: invalid value 'rto'", StringComparison.Ordinal));
        output.ToString().ShouldBeEmpty();
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_runbook)!, recursive: true);
}
