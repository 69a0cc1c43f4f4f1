using Chaos.Load.Profiles;

namespace Chaos.Load;

/// <summary>
/// An open-model schedule: a warm-up at the profile's initial rate, then the measured window on the
/// <see cref="Profile"/>. Request i is due at a fixed time after the start, whatever the system does.
/// </summary>
public sealed record LoadPlan(double RatePerSecond, TimeSpan Warmup, TimeSpan Duration, int MaxInFlight, TimeSpan Timeout)
{
    private readonly ArrivalProfile? _profile;

    /// <summary>Arrival rates over the measured window; constant at <see cref="RatePerSecond"/> unless set.</summary>
    public ArrivalProfile Profile
    {
        get => _profile ?? new ConstantArrivalProfile(RatePerSecond);
        init => _profile = value;
    }

    public long WarmupRequests => (long)Math.Floor(Profile.InitialRate * Warmup.TotalSeconds);

    public long MeasuredRequests => Profile.TotalArrivals(Duration);

    /// <summary>Every request the plan will ever schedule: the loop's hard bound on count.</summary>
    public long TotalRequests => WarmupRequests + MeasuredRequests;

    /// <summary>Mean intended rate of the measured window: what the achieved rate is held against.</summary>
    public double MeanMeasuredRate => Duration > TimeSpan.Zero ? MeasuredRequests / Duration.TotalSeconds : 0;

    public int MeasuredSeconds => (int)Math.Ceiling(Duration.TotalSeconds);

    /// <summary>Intended send time of request <paramref name="sequence"/>, relative to the start of the warm-up.</summary>
    public TimeSpan DueAt(long sequence) => DueAt(Profile, WarmupRequests, Warmup, sequence);

    /// <summary>The same, with the profile and warm-up count read once (the generator's hot loop).</summary>
    public static TimeSpan DueAt(ArrivalProfile profile, long warmupRequests, TimeSpan warmup, long sequence) =>
        sequence < warmupRequests
            ? TimeSpan.FromTicks((long)(sequence * TimeSpan.TicksPerSecond / profile.InitialRate))
            : warmup + profile.TimeOfArrival(sequence - warmupRequests);

    /// <summary>The loop's hard bound on time: schedule, plus one timeout for the last answers, plus a margin.</summary>
    public TimeSpan Deadline => Warmup + Duration + Timeout + TimeSpan.FromSeconds(5);
}
