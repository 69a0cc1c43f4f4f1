using System.Globalization;
using System.Text;
using Chaos.Engine;

namespace Chaos.Reporting;

/// <summary>The gate-fidelity matrix as Markdown: the full stack's row, then one row per practice taken away, a cell per scenario.</summary>
public static class MatrixMarkdown
{
    public static string Render(GateMatrix matrix, TimeSpan? wallTime = null, bool complete = true)
    {
        var text = new StringBuilder();
        var verdict = !complete
            ? "⚠️ incomplete (cancelled or out of time): no verdict"
            : matrix.Passed
            ? "✅ every variant caught, the full stack passed"
            : !matrix.FullPassed ? "❌ the full stack did not pass every run" : "❌ not every variant was caught";
        text.AppendLine($"## Gate-fidelity matrix: {verdict}").AppendLine();
        if (wallTime is { } wall)
        {
            text.AppendLine(Invariant($"Wall time {wall.TotalMinutes:0.0} min. ")).AppendLine();
        }
        text.AppendLine($"| stack | {string.Join(" | ", matrix.Scenarios.Select(Escape))} | caught |");
        text.AppendLine($"|---|{string.Concat(matrix.Scenarios.Select(_ => "---|"))}---|");
        text.AppendLine($"| **full** (must pass) | {string.Join(" | ", matrix.Full.Select(Baseline))} | - |");
        foreach (var row in matrix.Rows)
        {
            text.AppendLine($"| `{Escape(row.Variant)}` | {string.Join(" | ", row.Cells.Select(Cell))} | {(row.Caught ? "✅ yes" : "❌ **no**")} |");
        }
        text.AppendLine();
        text.AppendLine("A cell is **caught** when every run of the scenario against the variant failed; the SLOs it missed are the symptom. "
            + "**missed** means the variant passed that scenario. Rows: each variant switches exactly one practice off."
            + (matrix.Rows.Any(r => r.Cells.Any(c => c.Status == MatrixCellStatus.NotRun))
                ? " **not run**: the scenario did not run against the variant: its row stopped at its first catch (`--until-caught`), or the time ran out."
                : "")).AppendLine();
        text.AppendLine("| variant | what the practice protects |").AppendLine("|---|---|");
        foreach (var row in matrix.Rows)
        {
            text.AppendLine($"| `{Escape(row.Variant)}` | {Escape(row.Description)} |");
        }
        return text.ToString();
    }

    private static string Baseline(MatrixBaselineCell cell) => cell.Runs == 0
        ? "not run"
        : Invariant($"{(cell.Passed == cell.Runs ? "✅" : "❌")} {cell.Passed}/{cell.Runs}");

    private static string Cell(MatrixCell cell) => cell.Status switch
    {
        MatrixCellStatus.Caught => $"✅ caught: {Escape(Symptoms(cell))}",
        MatrixCellStatus.Missed => "· missed",
        MatrixCellStatus.NotRun => "– not run",
        _ => $"⚠️ {Escape(cell.Explanation)}",
    };

    private static string Symptoms(MatrixCell cell)
    {
        var failed = cell.Symptoms.Where(s => s.Status == Slo.SloStatus.Failed).ToList();
        return failed.Count == 0
            ? cell.Explanation
            : string.Join(", ", failed.Select(s => $"{s.Slo} {(s.Measured is { } measured ? ReportFormat.Value(measured, s.Unit) : "never reached")}").Distinct(StringComparer.Ordinal));
    }

    private static string Escape(string text) => SummaryWriter.Escape(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
