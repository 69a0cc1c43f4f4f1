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

    /// <summary>One practice x scenario: <see cref="Caught"/> when the variant failed the gate; <see cref="Slo"/> and <see cref="Measured"/> say how.</summary>
    public sealed record Cell(string Scenario, bool Caught, string? Slo = null, string? Measured = null, string? Note = null);

    /// <summary>Reads matrix.json; a file of another shape gives a one-line reason instead of a matrix.</summary>
    public static (FidelityMatrix? Matrix, string? Error) Read(string json, string path)
    {
        try
        {
            var matrix = JsonSerializer.Deserialize<FidelityMatrix>(json, ReportJson.Indented);
            if (matrix?.Scenarios is null || matrix.Rows is null || matrix.Rows.Any(r => r?.Practice is null || r.Cells is null || r.Cells.Any(c => c?.Scenario is null)))
            {
                return (null, $"{path}: not a gate-fidelity matrix (expected {{\"scenarios\": [...], \"rows\": [{{\"practice\", \"variant\", \"cells\": [{{\"scenario\", \"caught\"}}]}}]}})");
            }
            return (matrix, null);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $":{line + 1}:{(exception.BytePositionInLine ?? 0) + 1}" : "";
            return (null, $"{path}{where}: not valid JSON for a gate-fidelity matrix ({exception.Message.Split('.')[0]})");
        }
    }
}
