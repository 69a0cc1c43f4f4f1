using Chaos.Slo;

namespace Chaos.Reporting;

/// <summary>Everything the report files of one run are made from.</summary>
public sealed record RunReport
{
    public required string RunId { get; init; }
    public required string ScenarioName { get; init; }
    public string Variant { get; init; } = "full";
    public int? Seed { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public required RunOutcome Outcome { get; init; }
    public string Reason { get; init; } = "";
    public IReadOnlyList<SloResult> Slos { get; init; } = [];
    public LoadSummary Load { get; init; } = LoadSummary.Empty;
    public IReadOnlyList<RunEvent> Events { get; init; } = [];
    public required RunEnvironment Environment { get; init; }
}
