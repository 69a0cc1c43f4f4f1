using Chaos.Scenarios;

namespace Chaos.Tests.Scenarios;

/// <summary>Parses variations of <see cref="ValidScenarios.EveryKey"/>.</summary>
internal static class ScenarioParsing
{
    public static ScenarioLoadResult Parse(string yaml) => ScenarioLoader.Parse(yaml, "s.yaml");

    public static Scenario Valid(string yaml)
    {
        var result = Parse(yaml);
        result.Errors.ShouldBeEmpty(ScenarioErrorFormatter.Format(result.Errors));
        return result.Scenario.ShouldNotBeNull();
    }

    public static ScenarioError SingleError(string yaml)
    {
        var result = Parse(yaml);
        result.IsValid.ShouldBeFalse();
        return result.Errors.ShouldHaveSingleItem(ScenarioErrorFormatter.Format(result.Errors));
    }

    /// <summary><see cref="ValidScenarios.EveryKey"/> with one piece of text replaced (which must be there).</summary>
    public static string EveryKeyWith(string oldText, string newText)
    {
        ValidScenarios.EveryKey.ShouldContain(oldText);
        return ValidScenarios.EveryKey.Replace(oldText, newText, StringComparison.Ordinal);
    }

    /// <summary>A minimal scenario with <paramref name="extra"/> appended to its load section.</summary>
    public static string MinimalWithLoad(string extra) =>
        $"name: a\nload:\n  rate: 100/s\n  duration: 30s\n{extra}\nslos: {{ availability: '>= 99%' }}\n";
}
