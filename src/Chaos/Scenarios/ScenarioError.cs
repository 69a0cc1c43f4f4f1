namespace Chaos.Scenarios;

/// <summary>One problem found in a scenario file: where it is (1-based line and column) and what was expected.</summary>
public sealed record ScenarioError(string File, int Line, int Column, string Message);
