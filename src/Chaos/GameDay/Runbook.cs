namespace Chaos.GameDay;

/// <summary>A facilitator's runbook: the steps of a game day, walked one by one.</summary>
public sealed record Runbook(string Name, string Description, IReadOnlyList<RunbookStep> Steps, string SourcePath);
