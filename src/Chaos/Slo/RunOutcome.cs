namespace Chaos.Slo;

/// <summary>The overall outcome of a run; only <see cref="Passed"/> is green.</summary>
public enum RunOutcome { Passed, Failed, Inconclusive, FaultNotInjected, CleanupFailed }
