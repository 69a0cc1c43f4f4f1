using System.Text;
using Chaos.GameDay;

namespace Chaos.Reporting;

/// <summary>
/// The game day's part of <c>report.html</c>: the human timeline (commands, faults with their inject, verify and revert times,
/// runbook steps, notes, hypotheses) and the notes and hypotheses on their own. Empty for a run that was not a game day.
/// </summary>
public static class HtmlGameDaySection
{
    private static readonly HashSet<string> FaultTypes = new(StringComparer.Ordinal)
    {
        RunEvent.Types.FaultInjected, RunEvent.Types.FaultVerified, RunEvent.Types.FaultFailed, RunEvent.Types.FaultReverted,
    };

    public static string Render(IReadOnlyList<RunEvent> events)
    {
        if (!events.Any(e => e.Type == GameDayJournal.Started))
        {
            return "";
        }
        var html = new StringBuilder();
        html.Append("<section id=\"gameday\">\n<style>#gameday tr.note td{background:#fff8c5}#gameday tr.hypothesis td{background:#ddf4ff}#gameday tr.fault td{color:#8250df}</style>\n");
        html.Append("<h2>Game day: human timeline</h2>\n");
        html.Append("<table><thead><tr><th>time (UTC)</th><th>run clock</th><th>what</th><th>event</th></tr></thead><tbody>\n");
        foreach (var e in events.Where(e => GameDayJournal.Human.Contains(e.Type) || FaultTypes.Contains(e.Type)).OrderBy(e => e.Seconds))
        {
            var kind = e.Type switch
            {
                GameDayJournal.Note => " class=\"note\"",
                GameDayJournal.Hypothesis => " class=\"hypothesis\"",
                _ when FaultTypes.Contains(e.Type) => " class=\"fault\"",
                _ => "",
            };
            html.Append($"<tr{kind}><td>{E(ReportFormat.Timestamp(e.Time))}</td><td>{E(ReportFormat.Seconds(e.Seconds))}</td><td>{E(Message(e))}</td><td>{E(e.Type)}</td></tr>\n");
        }
        html.Append("</tbody></table>\n");

        var notes = events.Where(e => e.Type == GameDayJournal.Note).ToList();
        html.Append("<h3>Notes</h3>\n");
        if (notes.Count == 0)
        {
            html.Append("<p>No notes were written.</p>\n");
        }
        else
        {
            html.Append("<ul class=\"notes\">\n");
            foreach (var note in notes)
            {
                html.Append($"<li><strong>{E(ReportFormat.Seconds(note.Seconds))}</strong> {E(note.Data.GetValueOrDefault("text") as string)}</li>\n");
            }
            html.Append("</ul>\n");
        }

        var hypotheses = events.Where(e => e.Type == GameDayJournal.Hypothesis).ToList();
        if (hypotheses.Count > 0)
        {
            html.Append("<h3>Hypotheses</h3>\n<table><thead><tr><th>run clock</th><th>hypothesis</th><th>outcome</th></tr></thead><tbody>\n");
            foreach (var h in hypotheses)
            {
                var held = h.Data.GetValueOrDefault("held") is true;
                html.Append($"<tr><td>{E(ReportFormat.Seconds(h.Seconds))}</td><td>{E(h.Data.GetValueOrDefault("statement") as string)}</td><td class=\"{(held ? "passed" : "failed")}\">{(held ? "held" : "broken")}</td></tr>\n");
            }
            html.Append("</tbody></table>\n");
        }
        html.Append("</section>\n");
        return html.ToString();
    }

    private static string Message(RunEvent e) => e.Data.GetValueOrDefault("message") as string ?? e.Type;

    private static string E(string? text) => HtmlText.Escape(text);
}
