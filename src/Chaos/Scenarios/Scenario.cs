namespace Chaos.Scenarios;

/// <summary>A validated scenario: what stack to bring up, what load to drive, which faults to inject and which SLOs to score.</summary>
public sealed record Scenario
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public StackSpec Stack { get; init; } = new();
    public required LoadSpec Load { get; init; }
    public IReadOnlyList<ProbeSpec> SteadyState { get; init; } = [];
    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];
    public required SloSpec Slos { get; init; }
    /// <summary>Seed of every random choice of the run; null means "pick one and record it".</summary>
    public int? Seed { get; init; }
    /// <summary>The file the scenario was read from, for messages.</summary>
    public string SourcePath { get; init; } = "";
}
