using Chaos.GameDay;
using Chaos.Reporting;

namespace Chaos.Tests.GameDay;

public sealed class HtmlGameDaySectionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_RunThatWasNotAGameDay_IsEmpty() =>
        HtmlGameDaySection.Render([Event(1, RunEvent.Types.FaultInjected, "fault container.kill injected")]).ShouldBeEmpty();

    [Fact]
    public void Render_GameDay_HasTheHumanTimelineInOrderWithFaultsNotesAndHypotheses()
    {
        var html = HtmlGameDaySection.Render(
        [
            Event(20, GameDayJournal.Started, "game day started"),
            Event(25, GameDayJournal.Note, "note: breaker <opened>", ("text", "breaker <opened>")),
            Event(22, RunEvent.Types.FaultInjected, "fault container.kill injected into inference-1"),
            Event(30, RunEvent.Types.FaultReverted, "fault container.kill reverted"),
            Event(31, GameDayJournal.Hypothesis, "hypothesis HELD: retries hide it", ("statement", "retries hide it"), ("held", true)),
            Event(32, "observe.health", "inference-1 ready"),
        ]);

        html.ShouldContain("human timeline");
        html.IndexOf("game day started", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("fault container.kill injected", StringComparison.Ordinal));
        html.IndexOf("fault container.kill injected", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("note&#58; breaker", StringComparison.Ordinal));
        html.ShouldContain("fault container.kill reverted");
        html.ShouldContain("breaker &lt;opened&gt;");
        html.ShouldNotContain("<opened>");
        html.ShouldContain("<td class=\"passed\">held</td>");
        html.ShouldNotContain("inference-1 ready");
    }

    [Fact]
    public void Render_GameDayWithoutNotes_SaysSo() =>
        HtmlGameDaySection.Render([Event(1, GameDayJournal.Started, "game day started")]).ShouldContain("No notes were written.");

    [Fact]
    public void Render_ThroughTheReportWriter_TheSectionIsInTheReport()
    {
        var report = new RunReport
        {
            RunId = "r1", ScenarioName = "gameday", StartedAt = Start, FinishedAt = Start.AddMinutes(1), Outcome = Chaos.Slo.RunOutcome.Passed,
            Environment = new RunEnvironment("machine", ".NET", "cpu"),
            Events = [Event(1, GameDayJournal.Started, "game day started"), Event(2, GameDayJournal.Note, "note: look here", ("text", "look here"))],
        };

        HtmlReportWriter.Render(report).ShouldContain("<li><strong>2.0s</strong> look here</li>");
    }

    [Fact]
    public void Summary_GameDay_ListsNotesAndHypothesesEscaped()
    {
        var markdown = MarkdownGameDaySection.Render(
        [
            Event(1, GameDayJournal.Started, "game day started"),
            Event(3, GameDayJournal.Hypothesis, "h", ("statement", "no loss"), ("held", false)),
            Event(2, GameDayJournal.Note, "note", ("text", "a | b <i>")),
        ]);

        markdown.ShouldContain("- 2.0s a \\| b &lt;i&gt;\n- 3.0s hypothesis **broken**: no loss");
    }

    [Fact]
    public void Summary_RunThatWasNotAGameDay_HasNoGameDayPart() =>
        MarkdownGameDaySection.Render([Event(1, GameDayJournal.Note, "note", ("text", "x"))]).ShouldBeEmpty();

    private static RunEvent Event(double seconds, string type, string message, params (string Key, object? Value)[] data)
    {
        var payload = data.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
        payload["message"] = message;
        return new RunEvent(Start.AddSeconds(seconds), seconds, type, payload);
    }
}
