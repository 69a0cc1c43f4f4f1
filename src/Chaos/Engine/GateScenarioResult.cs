using Chaos.Slo;

namespace Chaos.Engine;

/// <summary>One scenario of a gate over its repeats: pass rate with its Wilson interval and SLO margins.</summary>
public sealed record GateScenarioResult(string Scenario, string Variant, RepeatSummary Summary, IReadOnlyList<string> RunIds);
