using System.Text.Json;

namespace Chaos.Reporting;

/// <summary>
/// Reads what <c>chaos run</c> and <c>chaos gate</c> left in a folder: a run's <c>result.json</c>, or a gate's run folders and
/// <c>matrix.json</c>. Every failure is one line naming the file (with line and column for bad JSON) and what was expected.
/// </summary>
public static class RunFolders
{
    public sealed record Loaded<T>(T? Value, string? Error) where T : class;

    /// <summary>Whether <paramref name="directory"/> is a gate's folder: it has gate.json, or run folders and no result.json of its own.</summary>
    public static bool IsGate(string directory) =>
        !File.Exists(Path.Combine(directory, ResultJsonWriter.FileName))
        && (File.Exists(Path.Combine(directory, "gate.json")) || RunDirectories(directory).Count > 0);

    public static Loaded<RunReport> ReadRun(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return new(null, $"{directory}: no such folder; expected a run folder written by 'chaos run' (reports/<run-id>)");
        }
        var file = Path.Combine(directory, ResultJsonWriter.FileName);
        if (!File.Exists(file))
        {
            return new(null, $"{file}: not found; expected a run folder written by 'chaos run' (reports/<run-id>)");
        }
        try
        {
            var report = ResultJsonWriter.Deserialize(File.ReadAllText(file));
            return report is null || report.RunId is null || report.Environment is null
                ? new(null, $"{file}: not a result file of this version of chaos (expected an object with runId, outcome, slos, load, events)")
                : new(report, null);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $":{line + 1}:{(exception.BytePositionInLine ?? 0) + 1}" : "";
            var what = exception.Path is { Length: > 1 } at && exception.Message.Contains("could not be converted", StringComparison.Ordinal)
                ? $"unexpected value at {at}"
                : FirstSentence(exception.Message);
            return new(null, $"{file}{where}: not a result file of this version of chaos ({what})");
        }
    }

    /// <summary>The run folders of a gate (those with a result.json), oldest first: run ids start with their time.</summary>
    public static IReadOnlyList<string> RunDirectories(string gateDirectory) => !Directory.Exists(gateDirectory)
        ? []
        : Directory.GetDirectories(gateDirectory).Where(d => File.Exists(Path.Combine(d, ResultJsonWriter.FileName)))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>The gate's matrix.json when it has one (null value and null error when it has none).</summary>
    public static Loaded<FidelityMatrix> ReadMatrix(string gateDirectory)
    {
        var file = Path.Combine(gateDirectory, FidelityMatrix.FileName);
        if (!File.Exists(file))
        {
            return new(null, null);
        }
        var (matrix, error) = FidelityMatrix.Read(File.ReadAllText(file), file);
        return new(matrix, error);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
