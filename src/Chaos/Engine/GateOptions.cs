namespace Chaos.Engine;

/// <summary>How to run a gate: a set of scenarios, each repeated, against one variant.</summary>
public sealed record GateOptions
{
    public string ReportsRoot { get; init; } = "reports";
    public string? Variant { get; init; }
    /// <summary>Repeats of every scenario instead of each scenario's own <c>repeat</c>.</summary>
    public int? Repeat { get; init; }
    /// <summary>Base seed; repeat i of a scenario uses seed + i, so repeats differ and each one can be replayed.</summary>
    public int? Seed { get; init; }
    public string? Image { get; init; }
    public string? GithubStepSummary { get; init; }
    public IProgress<string>? Progress { get; init; }
    /// <summary>The live status line of each run (<see cref="RunOptions.Status"/>); null in CI.</summary>
    public IProgress<string>? Status { get; init; }
    /// <summary>Weights of the resilience score (<see cref="Slo.ResilienceScore.ParseWeights"/>); null: <see cref="Slo.ResilienceScore.DefaultWeights"/>.</summary>
    public IReadOnlyDictionary<string, double>? Weights { get; init; }
    /// <summary>No run starts once this much time has passed since <see cref="StartedAt"/>; the runs left out make the gate say nothing (exit 3).</summary>
    public TimeSpan? TimeLimit { get; init; }
    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) the time limit counts from; set by the runner when absent.</summary>
    public long? StartedAt { get; init; }
}
