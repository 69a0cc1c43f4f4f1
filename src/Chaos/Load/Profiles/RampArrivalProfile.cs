namespace Chaos.Load.Profiles;

/// <summary>A rate moving linearly from <see cref="From"/> to <see cref="To"/> over <see cref="Duration"/>, then holding <see cref="To"/>.</summary>
public sealed record RampArrivalProfile(double From, double To, TimeSpan Duration) : ArrivalProfile
{
    /// <summary>The profile's name in scenario files.</summary>
    public const string Name = "ramp";

    /// <summary>Requests per second at the start.</summary>
    public double From { get; } = Positive(From, nameof(From));

    /// <summary>Requests per second at the end; above 0, since arrivals at a rate of 0 would never come.</summary>
    public double To { get; } = Positive(To, nameof(To));

    /// <summary>How long the ramp takes (normally the measured window).</summary>
    public TimeSpan Duration { get; } = Duration > TimeSpan.Zero
        ? Duration
        : throw new ArgumentOutOfRangeException(nameof(Duration), Duration, "A ramp needs a duration above 0.");

    public override string Kind => Name;

    private protected override IEnumerable<RateSegment> Segments()
    {
        var seconds = Duration.TotalSeconds;
        return [new(0, seconds, From, To), new(seconds, double.PositiveInfinity, To, To)];
    }
}
