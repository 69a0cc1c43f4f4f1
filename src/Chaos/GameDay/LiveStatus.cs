namespace Chaos.GameDay;

/// <summary>The numbers of the game day's panel at one moment. Nulls are shown as n/a: nothing measured (yet) or not reported.</summary>
public sealed record LiveStatus
{
    public required double Seconds { get; init; }
    public required double MaxSeconds { get; init; }
    /// <summary>The recent window the rate, errors and p99 are over (settled seconds only: every request answered or timed out).</summary>
    public required int WindowSeconds { get; init; }
    public double? RatePerSecond { get; init; }
    public double? ErrorFraction { get; init; }
    public double? P99Ms { get; init; }
    public double? Availability { get; init; }
    public required double AvailabilityTarget { get; init; }
    /// <summary>Share of the session's error budget spent so far (the budget of the planned session at the target rate).</summary>
    public double? BudgetSpent { get; init; }
    /// <summary>Burn rate over the recent window and since the start: 1 spends the budget exactly.</summary>
    public double? BurnRateRecent { get; init; }
    public double? BurnRateOverall { get; init; }
    public double? LatencyFractionUnder { get; init; }
    public double? LatencyFractionTarget { get; init; }
    public double? LatencyThresholdMs { get; init; }
    public IReadOnlyList<MemberHealth> Members { get; init; } = [];
    public string? ModelVersion { get; init; }
    public string? Region { get; init; }
    public string? Drift { get; init; }
    public string Provider { get; init; } = "unknown";
    public IReadOnlyList<ActiveFault> Faults { get; init; } = [];
}

/// <summary>One member of the stack as the harness sees it: readiness, breaker (for replicas behind the gateway).</summary>
public sealed record MemberHealth(string Alias, string Role, string State, string? Breaker);

/// <summary>A fault injected by hand and not yet reverted.</summary>
public sealed record ActiveFault(string Id, string Kind, IReadOnlyList<string> Targets, bool Verified, double AgeSeconds, string? Error);
