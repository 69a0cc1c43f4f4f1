using Chaos.Load.Profiles;

namespace Chaos.Scenarios;

/// <summary>An open-model load: requests arrive on a schedule (the <see cref="Profile"/>) whatever the system's response time.</summary>
public sealed record LoadSpec
{
    private readonly ArrivalProfile? _profile;

    public required double RatePerSecond { get; init; }
    public required TimeSpan Duration { get; init; }
    /// <summary>Load before the measured window starts (not scored), at the profile's initial rate.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.Zero;
    /// <summary>Requests outstanding at most; an arrival beyond it is dropped and counted.</summary>
    public int MaxInFlight { get; init; } = 256;
    /// <summary>Client-side timeout of one request.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Arrival rate over the measured window; unset means constant at <see cref="RatePerSecond"/>.</summary>
    public ArrivalProfile Profile
    {
        get => _profile ?? new ConstantArrivalProfile(RatePerSecond);
        init => _profile = value;
    }
}
