using System.Text.Json;

namespace Chaos.Reporting;

/// <summary>
/// The gate-fidelity matrix of a gate (<c>matrix.json</c>): one row per practice switched off (its variant), one cell per
/// scenario saying whether the gate caught the missing practice, through which SLO and with what measured value.
/// </summary>
public sealed record FidelityMatrix(IReadOnlyList<string> Scenarios, IReadOnlyList<FidelityMatrix.Row> Rows)
{
    public const string FileName = "matrix.json";

    public sealed record Row(string Practice, string Variant, IReadOnlyList<Cell> Cells);

    /// <summary>
    /// One practice x scenario: <see cref="Caught"/> when the variant failed the gate; <see cref="Slo"/> and <see cref="Measured"/>
    /// say how. <see cref="Run"/> false: the scenario was not run against the variant (<see cref="Note"/> says why).
    /// </summary>
    public sealed record Cell(string Scenario, bool Caught, string? Slo = null, string? Measured = null, string? Note = null, bool Run = true);

    /// <summary>The rows of a matrix run: a cell names the SLOs the variant missed and their measured values, or why it was not caught.</summary>
    public static FidelityMatrix From(Engine.GateMatrix matrix) => new(matrix.Scenarios, matrix.Rows.Select(row => new Row(row.Description, row.Variant,
        row.Cells.Select(cell =>
        {
            var missed = cell.Symptoms.Where(s => s.Status == Slo.SloStatus.Failed).ToList();
            return cell.Status == Engine.MatrixCellStatus.Caught && missed.Count > 0
                ? new Cell(cell.Scenario, true, string.Join(", ", missed.Select(s => s.Slo).Distinct(StringComparer.Ordinal)),
                    string.Join(", ", missed.Select(s => s.Measured is { } m ? ReportFormat.Value(m, s.Unit) : "never reached")))
                : new Cell(cell.Scenario, cell.Status == Engine.MatrixCellStatus.Caught, Note: cell.Explanation, Run: cell.Status != Engine.MatrixCellStatus.NotRun);
        }).ToList())).ToList());

    /// <summary>Reads the matrix.json a matrix run wrote (<see cref="Engine.MatrixFile"/>); a file of another shape gives a one-line reason.</summary>
    public static (FidelityMatrix? Matrix, string? Error) Read(string json, string path)
    {
        try
        {
            var file = JsonSerializer.Deserialize<Engine.MatrixFile>(json, Engine.GateJson.Options);
            if (file?.Scenarios is null || file.Variants is null || file.Full is null
                || file.Variants.Any(r => r?.Variant is null || r.Cells is null || r.Cells.Any(c => c?.Scenario is null)))
            {
                return (null, $"{path}: not a gate-fidelity matrix (expected the matrix.json of `chaos gate --matrix`: scenarios, full, variants with cells)");
            }
            return (From(new Engine.GateMatrix(file.Scenarios, file.Full, file.Variants)), null);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $":{line + 1}:{(exception.BytePositionInLine ?? 0) + 1}" : "";
            return (null, $"{path}{where}: not valid JSON for a gate-fidelity matrix ({exception.Message.Split('.')[0]})");
        }
    }
}
