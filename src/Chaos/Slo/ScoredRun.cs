namespace Chaos.Slo;

/// <summary>One run of a scenario as the repeat and score summaries need it: its outcome and its scored SLOs.</summary>
public sealed record ScoredRun(RunOutcome Outcome, IReadOnlyList<SloResult> Slos);
