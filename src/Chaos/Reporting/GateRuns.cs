namespace Chaos.Reporting;

/// <summary>
/// The runs of a gate grouped by scenario and variant (first appearance first), each run with its 1-based repeat number and a suite
/// name unique within the gate: the scenario name, "[variant]" when the scenario ran on several variants, "#repeat" when it ran more than once.
/// </summary>
internal static class GateRuns
{
    public sealed record Run(RunReport Report, int Index, int Repeat, string SuiteName);

    public sealed record Group(string ScenarioName, string Variant, IReadOnlyList<Run> Runs);

    public static IReadOnlyList<Group> Of(IReadOnlyList<RunReport> reports)
    {
        var variantsPerScenario = reports.GroupBy(r => r.ScenarioName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Variant).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        return reports.Select((report, index) => (report, index)).GroupBy(r => (r.report.ScenarioName, r.report.Variant)).Select(group =>
        {
            var list = group.ToList();
            var baseName = variantsPerScenario[group.Key.ScenarioName] > 1 ? $"{group.Key.ScenarioName}[{group.Key.Variant}]" : group.Key.ScenarioName;
            var runs = list.Select((run, i) => new Run(run.report, run.index, i + 1, Unique(list.Count == 1 ? baseName : $"{baseName}#{i + 1}", used))).ToList();
            return new Group(group.Key.ScenarioName, group.Key.Variant, runs);
        }).ToList();
    }

    /// <summary>Every run in the order of <paramref name="reports"/>.</summary>
    public static IReadOnlyList<Run> InOrder(IReadOnlyList<RunReport> reports) =>
        Of(reports).SelectMany(g => g.Runs).OrderBy(r => r.Index).ToList();

    // A scenario literally named like another's decorated name must still not share a suite name with it.
    private static string Unique(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{name}~{n}";
        }
        return candidate;
    }
}
