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
    /// <summary>Largest <see cref="Rows"/>: the replicas' own batch limit.</summary>
    public const int MaxRows = 4096;
    /// <summary>Description of <see cref="Rows"/>, for the schema.</summary>
    public const string RowsDescription =
        "Applicants per infer request (a batch of shape [rows, 8]), default 1: the request's applicant and rows - 1 copies of it. "
        + "A replica scores every row, so its work per request grows while the gateway's and the generator's barely do; "
        + "prediction quality is scored once per request.";
    /// <summary>Applicants per infer request; see <see cref="RowsDescription"/>.</summary>
    public int Rows { get; init; } = 1;
    /// <summary>How the load is sent: one of <see cref="KnownLoadTransports.All"/>.</summary>
    public string Transport { get; init; } = KnownLoadTransports.DotNet;
    /// <summary>Client-side timeout of one request.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Arrival rate over the measured window; unset means constant at <see cref="RatePerSecond"/>.</summary>
    public ArrivalProfile Profile
    {
        get => _profile ?? new ConstantArrivalProfile(RatePerSecond);
        init => _profile = value;
    }
}
