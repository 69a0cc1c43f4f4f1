using Chaos.Scenarios;

namespace Chaos.Cli;

/// <summary>Turns the paths a user gives (files or folders of *.yaml) into validated scenarios, or every error at once.</summary>
internal static class ScenarioFiles
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths) => paths
        .SelectMany(path => Directory.Exists(path)
            ? Directory.GetFiles(path, "*.yaml").Concat(Directory.GetFiles(path, "*.yml")).Order(StringComparer.Ordinal)
            : (IEnumerable<string>)[path])
        .ToList();

    /// <summary>Loads every file; null with the errors printed when any file is invalid.</summary>
    public static IReadOnlyList<Scenario>? LoadAll(IReadOnlyList<string> files, TextWriter errors)
    {
        var scenarios = new List<Scenario>();
        var failed = false;
        if (files.Count == 0)
        {
            errors.WriteLine("no scenario files found");
            return null;
        }
        foreach (var file in files)
        {
            var loaded = ScenarioLoader.Load(file);
            if (loaded.IsValid)
            {
                scenarios.Add(loaded.Scenario!);
            }
            else
            {
                failed = true;
                errors.WriteLine(ScenarioErrorFormatter.Format(loaded.Errors));
            }
        }
        return failed ? null : scenarios;
    }
}
