using System.Text;
using Chaos.Slo;

namespace Chaos.Reporting;

/// <summary>Writes <c>summary.md</c> (verdict, SLO table, failed SLOs, fault timeline) and appends it to the GitHub step summary when given.</summary>
public static class SummaryWriter
{
    public const string FileName = "summary.md";

    /// <param name="report">The run to summarise.</param>
    /// <param name="path">Where summary.md goes.</param>
    /// <param name="githubStepSummary">The value of <c>GITHUB_STEP_SUMMARY</c>, or null/empty outside GitHub Actions.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public static async Task WriteAsync(RunReport report, string path, string? githubStepSummary, CancellationToken cancellationToken)
    {
        var markdown = Render(report);
        await File.WriteAllTextAsync(path, markdown, cancellationToken);
        if (!string.IsNullOrWhiteSpace(githubStepSummary))
        {
            await File.AppendAllTextAsync(githubStepSummary, markdown + "\n", cancellationToken);
        }
    }

    public static string Render(RunReport report)
    {
        var text = new StringBuilder();
        var icon = report.Outcome == RunOutcome.Passed ? "✅" : "❌";
        text.AppendLine($"## {icon} {Escape(report.ScenarioName)}: **{ReportFormat.Outcome(report.Outcome)}**").AppendLine();
        text.AppendLine(Escape(report.Reason)).AppendLine();
        text.AppendLine(ReportFormat.Invariant(
            $"Run `{Code(report.RunId)}`, variant `{Code(report.Variant)}`, seed {report.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, provider {Escape(report.Environment.Provider)}."))
            .AppendLine();
        text.AppendLine("| SLO | target | measured | margin | status |").AppendLine("|---|---|---|---|---|");
        foreach (var slo in report.Slos)
        {
            text.AppendLine($"| {Escape(slo.Name)} | {Escape(slo.Target)} | {Escape(ReportFormat.Measured(slo))} | {Escape(ReportFormat.Margin(slo))} | {ReportFormat.Status(slo.Status)} |");
        }
        var notMet = report.Slos.Where(s => s.Status != SloStatus.Passed).ToList();
        if (notMet.Count > 0)
        {
            text.AppendLine().AppendLine("**Not met:**").AppendLine();
            notMet.ForEach(slo => text.AppendLine($"- {Escape(ReportFormat.Sentence(slo))}"));
        }
        var faults = ReportFormat.FaultEvents(report.Events).ToList();
        text.AppendLine().AppendLine("**Fault timeline:**").AppendLine();
        if (faults.Count == 0)
        {
            text.AppendLine("- no fault events");
        }
        faults.ForEach(e => text.AppendLine($"- {ReportFormat.Seconds(e.Seconds)} `{Code(e.Type)}` {Escape(ReportFormat.Data(e.Data))}"));
        text.Append(MarkdownGameDaySection.Render(report.Events));
        return text.ToString();
    }

    /// <summary>Markdown that GitHub renders also interprets HTML and table pipes: neutralise both.</summary>
    internal static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    internal static string Code(string text) => text.Replace("`", "'", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
