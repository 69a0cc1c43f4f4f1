using System.Diagnostics.CodeAnalysis;

namespace Chaos.Scenarios;

/// <summary>Either a valid <see cref="Scenario"/> or every error found in the file, never both.</summary>
public sealed record ScenarioLoadResult
{
    private ScenarioLoadResult(Scenario? scenario, IReadOnlyList<ScenarioError> errors)
    {
        Scenario = scenario;
        Errors = errors;
    }

    public Scenario? Scenario { get; }

    public IReadOnlyList<ScenarioError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Scenario))]
    public bool IsValid => Scenario is not null;

    public static ScenarioLoadResult Valid(Scenario scenario) => new(scenario, []);

    public static ScenarioLoadResult Invalid(IReadOnlyList<ScenarioError> errors) =>
        errors.Count == 0
            ? throw new ArgumentException("An invalid result needs at least one error.", nameof(errors))
            : new(null, errors);
}
