using System.Text.Json;

namespace Chaos.Reporting;

/// <summary>Writes and reads <c>result.json</c>: the whole report, camelCase, enums as strings.</summary>
public static class ResultJsonWriter
{
    public const string FileName = "result.json";

    public static string Serialize(RunReport report) => JsonSerializer.Serialize(report, ReportJson.Indented);

    /// <summary>Reads a report back; event data values come back as <see cref="JsonElement"/>s.</summary>
    public static RunReport? Deserialize(string json) => JsonSerializer.Deserialize<RunReport>(json, ReportJson.Indented);

    public static Task WriteAsync(RunReport report, string path, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, Serialize(report), cancellationToken);
}
