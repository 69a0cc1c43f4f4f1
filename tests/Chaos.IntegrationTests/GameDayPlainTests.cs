using System.Diagnostics;
using Chaos.GameDay;
using Chaos.Reporting;

namespace Chaos.IntegrationTests;

/// <summary>
/// The game day without a terminal: the example runbook walked with answers piped into the real command; plain lines out
/// (no ANSI), the end of input ends the session, and every step, check and fault is in the journal.
/// </summary>
[Trait("Category", "Containers")]
public sealed class GameDayPlainTests : IDisposable
{
    private readonly string _reports = Directory.CreateTempSubdirectory("chaos-gameday-plain-").FullName;

    [Fact]
    public async Task GameDay_RunbookWithPipedAnswers_WalksEveryStepAndEndsAtEndOfInput()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var image = await ContainerPreconditions.RequireAsync(cancellationToken);
        using var process = Process.Start(Repository.Cli(image, "gameday", "--runbook", Path.Combine(Repository.Root, "scenarios", "gameday", "replica-loss.yaml"),
            "--rate", "30", "--max-duration", "3m", "--reports", _reports))!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        // Step 1 (action, expect): done, seen. 2 (probe check): run. 3 (kill, expect): run, seen. 4 (SLO check): run.
        // 5 (polly chaos, expect): run, NOT seen. 6 (revert last): run. 7 (burn check): run. Then a note, and the end of input.
        foreach (var answer in new[] { "", "y", "y", "y", "y", "y", "y", "n", "y", "y", "note plain mode, piped answers", "status" })
        {
            await process.StandardInput.WriteLineAsync(answer);
        }
        process.StandardInput.Close();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(150));
        await process.WaitForExitAsync(bound.Token);
        var transcript = await stdout + "\n" + await stderr;

        transcript.ShouldNotContain("\u001b[");
        transcript.ShouldContain("step 7/7");
        transcript.ShouldContain("runbook replica-loss done");
        transcript.ShouldContain("availability");
        var run = Directory.GetDirectories(_reports).ShouldHaveSingleItem(transcript);
        var events = GameDayJournalEntry.Read(run);
        events.Count(e => e.Type == GameDayJournal.Step).ShouldBe(7, transcript);
        events.Count(e => e.Type == GameDayJournal.Check).ShouldBe(3, transcript);
        // What a check finds is the stack's business (a busy machine can make the gateway unready); that it ran and said what it saw is ours.
        events.ShouldContain(e => e.Type == GameDayJournal.Check && e["check"] == "probe GET /v2/health/ready answers 200" && e["observed"] != "", transcript);
        events.ShouldContain(e => e.Type == GameDayJournal.Check && e["check"] == "SLO availability" && e["observed"] != "", transcript);
        events.ShouldContain(e => e.Type == GameDayJournal.StepConfirmed && e["step"] == "3" && e["asExpected"] == "True", transcript);
        events.ShouldContain(e => e.Type == GameDayJournal.StepConfirmed && e["step"] == "5" && e["asExpected"] == "False", transcript);
        events.ShouldContain(e => e.Type == RunEvent.Types.FaultVerified && e["kind"] == "container.kill", transcript);
        events.ShouldContain(e => e.Type == RunEvent.Types.FaultVerified && e["kind"] == "polly.chaos", transcript);
        events.ShouldContain(e => e.Type == RunEvent.Types.FaultReverted && e["kind"] == "polly.chaos" && e["confirmed"] == "True", transcript);
        events.ShouldContain(e => e.Type == GameDayJournal.Note && e["text"] == "plain mode, piped answers", transcript);
        events.ShouldContain(e => e.Type == GameDayJournal.Ended && e["reason"] == "end of input", transcript);
        // The runbook reverted only the gateway's chaos (revert: last); the kill is reverted when the session ends.
        events.Select(e => e.Type).ToList().FindLastIndex(t => t == RunEvent.Types.FaultReverted)
            .ShouldBeGreaterThan(events.ToList().FindIndex(e => e.Type == GameDayJournal.Ended));
        (await File.ReadAllTextAsync(Path.Combine(run, HtmlReportWriter.FileName), cancellationToken)).ShouldContain("plain mode, piped answers");
        await ReplicaKillTests.ShouldLeaveNothingBehindAsync(Path.GetFileName(run));
    }

    public void Dispose() => Directory.Delete(_reports, recursive: true);
}
