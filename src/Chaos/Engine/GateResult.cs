using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.Engine;

/// <summary>What a gate found: every run, the per-scenario summaries, the resilience score and the exit code.</summary>
public sealed record GateResult(
    string GateId, string Directory, IReadOnlyList<RunReport> Runs, IReadOnlyList<GateScenarioResult> Scenarios, ResilienceScore Score,
    TimeSpan WallTime, int ExitCode);
