namespace Chaos.Scenarios;

/// <summary>A validated scenario: what stack to bring up, what load to drive, which faults to inject and which SLOs to score.</summary>
public sealed record Scenario
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    /// <summary>Labels a gate can select by (<c>chaos gate scenarios --tag smoke</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>
    /// The single-practice variants this scenario is written to catch (<c>catches: [no-retries]</c>). Scheduling only: the
    /// matrix runs it first in those rows, and <c>--until-caught</c> stops a row at its first catch; the verdict is the runs'.
    /// </summary>
    public IReadOnlyList<string> Catches { get; init; } = [];
    public StackSpec Stack { get; init; } = new();
    public required LoadSpec Load { get; init; }
    public IReadOnlyList<ProbeSpec> SteadyState { get; init; } = [];
    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];
    /// <summary>Abort early when a per-second metric stays past its limit.</summary>
    public IReadOnlyList<GuardrailSpec> Guardrails { get; init; } = [];
    public required SloSpec Slos { get; init; }
    /// <summary>How many times the scenario runs, for verdicts with a confidence (1 to 100).</summary>
    public int Repeat { get; init; } = 1;
    /// <summary>Seed of every random choice of the run; null means "pick one and record it".</summary>
    public int? Seed { get; init; }
    /// <summary>The file the scenario was read from, for messages.</summary>
    public string SourcePath { get; init; } = "";
}
