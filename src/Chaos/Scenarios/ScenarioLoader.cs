namespace Chaos.Scenarios;

/// <summary>Loads a scenario file: a valid <see cref="Scenario"/> or every error with file, line and column; never throws for bad input.</summary>
public static class ScenarioLoader
{
    public static ScenarioLoadResult Load(string path)
    {
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var what = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read the file ({e.Message})";
            return ScenarioLoadResult.Invalid([new ScenarioError(path, 1, 1, $"{what}; expected a readable scenario YAML file")]);
        }
        return Parse(yaml, path);
    }

    public static ScenarioLoadResult Parse(string yaml, string sourcePath)
    {
        var (root, syntaxError) = YamlDocumentReader.Read(yaml, sourcePath);
        if (root is null)
        {
            return ScenarioLoadResult.Invalid([syntaxError ?? new ScenarioError(sourcePath, 1, 1, "expected a YAML document")]);
        }
        var values = new YamlValueReader(sourcePath);
        var scenario = new ScenarioReader(values).Read(root);
        return scenario is not null && values.Errors.Count == 0
            ? ScenarioLoadResult.Valid(scenario with { SourcePath = sourcePath })
            : ScenarioLoadResult.Invalid(values.Errors.Count > 0
                ? [.. values.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]
                : [new ScenarioError(sourcePath, 1, 1, "the scenario is incomplete; expected keys name, load and slos")]);
    }
}
