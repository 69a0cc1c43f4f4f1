using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Chaos.Slo;

namespace Chaos.IntegrationTests;

/// <summary>Ctrl-C in the middle of a run, sent to the real command as a person would: nothing may be left behind.</summary>
[Trait("Category", "Containers")]
public sealed partial class InterruptTests : IDisposable
{
    private const int SigInt = 2;
    private readonly string _reports = Directory.CreateTempSubdirectory("chaos-it-").FullName;

    [Fact]
    public Task Run_SigintAfterTheFault_RevertsAndLeavesNoContainerOrNetwork() =>
        InterruptAfterTheFaultAsync(process => kill(process.Id, SigInt).ShouldBe(0));

    [Fact]
    public Task Stop_FromAnotherTerminal_TheRunRevertsAndLeavesNoContainerOrNetwork() =>
        InterruptAfterTheFaultAsync(async _ =>
        {
            var output = new StringWriter();
            (await Chaos.Cli.ChaosCli.InvokeAsync(["stop"], output, new StringWriter())).ShouldBe(ExitCodes.Passed);
            output.ToString().ShouldContain("stop requested");
        });

    private Task InterruptAfterTheFaultAsync(Action<Process> interrupt) => InterruptAfterTheFaultAsync(p =>
    {
        interrupt(p);
        return Task.CompletedTask;
    });

    private async Task InterruptAfterTheFaultAsync(Func<Process, Task> interrupt)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var image = await ContainerPreconditions.RequireAsync(cancellationToken);
        var cli = Path.Combine(AppContext.BaseDirectory, "Chaos.Cli.dll");
        // Through env --default-signal: a test run started in the background by a shell without job control inherits SIGINT
        // ignored (POSIX), and .NET keeps an ignored signal ignored; a person's Ctrl-C reaches a foreground command.
        var start = new ProcessStartInfo("env")
        {
            ArgumentList = { "--default-signal=INT", "dotnet", cli, "run", Repository.Scenario("replica-kill"), "--reports", _reports },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Repository.Root,
        };
        start.Environment["CHAOS_STACK_IMAGE"] = image;
        using var process = Process.Start(start)!;
        var output = new List<string>();
        string? runId = null;
        var faultInjected = false;
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromMinutes(3));
        while (await process.StandardOutput.ReadLineAsync(bound.Token) is { } line)
        {
            output.Add(line);
            runId ??= RunIdPattern().Match(line) is { Success: true } m ? m.Groups[1].Value : null;
            if (line.Contains("fault container.kill injected", StringComparison.Ordinal))
            {
                faultInjected = true;
                await interrupt(process);
                break;
            }
        }
        var rest = await process.StandardOutput.ReadToEndAsync(bound.Token);
        await process.WaitForExitAsync(bound.Token);
        var transcript = string.Join('\n', output) + "\n" + rest + "\n" + await stderr;

        faultInjected.ShouldBeTrue(transcript);
        runId.ShouldNotBeNull(transcript);
        process.ExitCode.ShouldBe(ExitCodes.NoVerdict, transcript);
        transcript.ShouldContain("cancelled");
        await ReplicaKillTests.ShouldLeaveNothingBehindAsync(runId);
    }

    [GeneratedRegex(@"run (\d{8}-\d{6}-[0-9a-f]{6}):")]
    private static partial Regex RunIdPattern();

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    public void Dispose() => Directory.Delete(_reports, recursive: true);
}
