using System.Diagnostics;
using Chaos.GameDay;
using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.IntegrationTests;

/// <summary>
/// A scripted game day, typed as a person would: the real <c>chaos gameday</c> in a pseudo-terminal (tmux), two faults injected
/// and reverted by command, notes and a hypothesis written, then quit; the journal and report.html must hold all of it.
/// </summary>
[Trait("Category", "Containers")]
public sealed class GameDayTmuxTests : IDisposable
{
    private const string KillNote = "the breaker of the dead replica opened";
    private const string ChaosNote = "retries absorbed the 503s";
    private const string Hypothesis = "one replica loss costs no availability";
    private readonly string _reports = Directory.CreateTempSubdirectory("chaos-gameday-").FullName;
    private readonly string _socket = $"chaos-it-{Guid.NewGuid():N}";

    [Fact]
    public async Task GameDay_TypedInATerminal_InjectsRevertsTwoFaultsAndReportsTheNotes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var image = await ContainerPreconditions.RequireAsync(cancellationToken);
        (await TmuxAsync(["-V"])).ExitCode.ShouldBe(0, "tmux is needed to drive the game day through a terminal: test.sh installs it (apt-get install tmux)");
        var exitFile = ExitFile;
        var cli = Path.Combine(AppContext.BaseDirectory, "Chaos.Cli.dll");
        var command = $"cd '{Repository.Root}' && CHAOS_STACK_IMAGE='{image}' dotnet '{cli}' gameday --rate 30 --max-duration 3m --reports '{_reports}'; echo $? > '{exitFile}'";
        (await TmuxAsync(["new-session", "-d", "-s", "gd", "-x", "160", "-y", "50", command])).ExitCode.ShouldBe(0);
        (await TmuxAsync(["set-option", "-t", "gd", "remain-on-exit", "on"])).ExitCode.ShouldBe(0);

        var panel = await WaitForScreenAsync("SLOs and error budget", TimeSpan.FromSeconds(120));
        panel.ShouldContain("replicas");
        panel.ShouldContain("chaos>");

        await TypeAsync("inject container.kill role=inference pick=one");
        await WaitForScreenAsync("f1: container.kill", TimeSpan.FromSeconds(30));
        await TypeAsync($"note {KillNote}");
        await TypeAsync("inject polly.chaos mode=outcome rate=20%");
        var withFaults = await WaitForScreenAsync("f2: polly.chaos", TimeSpan.FromSeconds(30));
        withFaults.ShouldContain("active faults");
        await TypeAsync("inject polly.chaos rate=lots");
        await WaitForScreenAsync("error: ", TimeSpan.FromSeconds(10));
        await TypeAsync("revert f2");
        await WaitForScreenAsync("f2: polly.chaos reverted", TimeSpan.FromSeconds(30));
        await TypeAsync("revert f1");
        await WaitForScreenAsync("f1: container.kill reverted", TimeSpan.FromSeconds(30));
        await TypeAsync($"note {ChaosNote}");
        await TypeAsync($"hypothesis {Hypothesis} held");
        await TypeAsync("quit");
        await WaitForAsync(() => File.Exists(exitFile) && File.ReadAllText(exitFile).Trim().Length > 0, TimeSpan.FromSeconds(60));

        var screen = await CaptureAsync();
        var exitCode = int.Parse(File.ReadAllText(exitFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        screen.ShouldContain("game day over");
        var run = Directory.GetDirectories(_reports).ShouldHaveSingleItem();
        // The verdict of a short session on a busy machine may be anything an SLO says (or too few samples to say); a broken
        // session is not: every fault reverted and confirmed, the stack removed, and the exit code that of the verdict.
        var result = ResultJsonWriter.Deserialize(await File.ReadAllTextAsync(Path.Combine(run, ResultJsonWriter.FileName), cancellationToken)).ShouldNotBeNull();
        result.Outcome.ShouldBeOneOf([RunOutcome.Passed, RunOutcome.Failed, RunOutcome.Inconclusive], screen);
        result.Reason.ShouldNotContain("cancelled");
        exitCode.ShouldBe(ExitCodes.For(result.Outcome), screen);
        var events = GameDayJournalEntry.Read(run);

        foreach (var kind in new[] { "container.kill", "polly.chaos" })
        {
            events.ShouldContain(e => e.Type == RunEvent.Types.FaultInjected && e["kind"] == kind, kind);
            events.ShouldContain(e => e.Type == RunEvent.Types.FaultVerified && e["kind"] == kind, kind);
            events.ShouldContain(e => e.Type == RunEvent.Types.FaultReverted && e["kind"] == kind && e["confirmed"] == "True", kind);
        }
        events.Where(e => e.Type == GameDayJournal.Note).Select(e => e["text"]).ShouldBe([KillNote, ChaosNote]);
        events.ShouldContain(e => e.Type == GameDayJournal.Hypothesis && e["statement"] == Hypothesis && e["held"] == "True");
        events.ShouldContain(e => e.Type == GameDayJournal.CommandRejected && e["command"] == "inject polly.chaos rate=lots");
        events.ShouldContain(e => e.Type == GameDayJournal.Ended && e["reason"] == "quit");
        events.ShouldContain(e => e.Type == RunEvent.Types.StackDown);

        var html = await File.ReadAllTextAsync(Path.Combine(run, HtmlReportWriter.FileName), cancellationToken);
        html.ShouldContain("human timeline");
        html.ShouldContain(HtmlText.Escape(KillNote));
        html.ShouldContain(HtmlText.Escape(ChaosNote));
        html.ShouldContain(HtmlText.Escape(Hypothesis));
        html.ShouldContain("fault container.kill injected");
        html.ShouldContain("fault polly.chaos reverted");
        File.Exists(Path.Combine(run, "summary.md")).ShouldBeTrue();
        await ReplicaKillTests.ShouldLeaveNothingBehindAsync(Path.GetFileName(run));
    }

    private string ExitFile => Path.Combine(_reports, "exit-code");

    private async Task TypeAsync(string text)
    {
        (await TmuxAsync(["send-keys", "-t", "gd", "-l", text])).ExitCode.ShouldBe(0);
        (await TmuxAsync(["send-keys", "-t", "gd", "Enter"])).ExitCode.ShouldBe(0);
    }

    private async Task<string> WaitForScreenAsync(string text, TimeSpan within)
    {
        string screen = "";
        await WaitForAsync(async () => (screen = await CaptureAsync()).Contains(text, StringComparison.Ordinal), within,
            () => $"'{text}' did not appear on the screen within {within.TotalSeconds:0} s; the screen:\n{screen}");
        return screen;
    }

    private async Task<string> CaptureAsync() => (await TmuxAsync(["capture-pane", "-p", "-t", "gd", "-S", "-200"])).Output;

    private static Task WaitForAsync(Func<bool> condition, TimeSpan within) =>
        WaitForAsync(() => Task.FromResult(condition()), within, () => $"condition not met within {within.TotalSeconds:0} s");

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan within, Func<string> failure)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            deadline.Elapsed.ShouldBeLessThan(within, failure());
            await Task.Delay(TimeSpan.FromMilliseconds(250), TestContext.Current.CancellationToken);
        }
    }

    private async Task<(int ExitCode, string Output)> TmuxAsync(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-L", _socket, "-f", "/dev/null" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, output);
    }

    public void Dispose()
    {
        // A failed test leaves the game day running: Ctrl-C ends it as a person would (faults reverted, stack removed), then the
        // test's own tmux server (its own socket) goes, whatever happened.
        if (!File.Exists(ExitFile))
        {
            using (var interrupt = Process.Start(new ProcessStartInfo("tmux", ["-L", _socket, "send-keys", "-t", "gd", "C-c"]) { RedirectStandardError = true }))
            {
                interrupt?.WaitForExit(5000);
            }
            var waited = Stopwatch.StartNew();
            while (!File.Exists(ExitFile) && waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(250);
            }
        }
        using (var kill = Process.Start(new ProcessStartInfo("tmux", ["-L", _socket, "kill-server"]) { RedirectStandardError = true }))
        {
            kill?.WaitForExit(5000);
        }
        Directory.Delete(_reports, recursive: true);
    }
}
