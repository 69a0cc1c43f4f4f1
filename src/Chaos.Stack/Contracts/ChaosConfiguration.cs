namespace Chaos.Stack.Contracts;

/// <summary>The gateway's chaos strategies as the admin API reads and shows them; an absent kind is off.</summary>
public sealed record ChaosConfiguration(ChaosFaultConfiguration? Fault, ChaosLatencyConfiguration? Latency, ChaosOutcomeConfiguration? Outcome)
{
    /// <summary>Every strategy off.</summary>
    public static ChaosConfiguration Off { get; } = new(null, null, null);
}
