using System.Globalization;

namespace Chaos.Scenarios;

/// <summary>Formats scenario errors the way compilers do, so editors and CI logs link to the spot.</summary>
public static class ScenarioErrorFormatter
{
    public static string Format(ScenarioError error) =>
        string.Create(CultureInfo.InvariantCulture, $"{error.File}:{error.Line}:{error.Column}: error: {error.Message}");

    public static string Format(IEnumerable<ScenarioError> errors) =>
        string.Join(Environment.NewLine, errors.Select(Format));
}
