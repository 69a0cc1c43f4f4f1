namespace Chaos.Slo;

/// <summary>A run's outcome and the sentence that explains it.</summary>
public sealed record Verdict(RunOutcome Outcome, string Reason);
