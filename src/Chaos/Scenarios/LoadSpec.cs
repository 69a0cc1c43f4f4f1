namespace Chaos.Scenarios;

/// <summary>An open-model load: requests arrive at a fixed rate whatever the system's response time.</summary>
public sealed record LoadSpec
{
    public required double RatePerSecond { get; init; }
    public required TimeSpan Duration { get; init; }
    /// <summary>Load before the measured window starts (not scored).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.Zero;
    /// <summary>Requests outstanding at most; an arrival beyond it is dropped and counted.</summary>
    public int MaxInFlight { get; init; } = 256;
    /// <summary>Client-side timeout of one request.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
}
