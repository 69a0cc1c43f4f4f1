using System.Text;
using Chaos.GameDay;

namespace Chaos.Reporting;

/// <summary>The game day's part of <c>summary.md</c>: the notes and hypotheses. Empty for a run that was not a game day.</summary>
public static class MarkdownGameDaySection
{
    public static string Render(IReadOnlyList<RunEvent> events)
    {
        if (!events.Any(e => e.Type == GameDayJournal.Started))
        {
            return "";
        }
        var text = new StringBuilder();
        text.AppendLine().AppendLine("**Game day notes:**").AppendLine();
        var notes = events.Where(e => e.Type is GameDayJournal.Note or GameDayJournal.Hypothesis).OrderBy(e => e.Seconds).ToList();
        if (notes.Count == 0)
        {
            text.AppendLine("- no notes were written");
        }
        foreach (var e in notes)
        {
            text.AppendLine(e.Type == GameDayJournal.Note
                ? $"- {ReportFormat.Seconds(e.Seconds)} {SummaryWriter.Escape(e.Data.GetValueOrDefault("text") as string ?? "")}"
                : $"- {ReportFormat.Seconds(e.Seconds)} hypothesis **{(e.Data.GetValueOrDefault("held") is true ? "held" : "broken")}**: {SummaryWriter.Escape(e.Data.GetValueOrDefault("statement") as string ?? "")}");
        }
        return text.ToString();
    }
}
