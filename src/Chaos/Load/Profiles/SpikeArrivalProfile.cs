namespace Chaos.Load.Profiles;

/// <summary>A base rate with one burst: <see cref="SpikeRate"/> from <see cref="At"/> for <see cref="Length"/>, then the base rate again.</summary>
public sealed record SpikeArrivalProfile(double BaseRate, double SpikeRate, TimeSpan At, TimeSpan Length) : ArrivalProfile
{
    /// <summary>The profile's name in scenario files.</summary>
    public const string Name = "spike";

    /// <summary>Requests per second outside the spike.</summary>
    public double BaseRate { get; } = Positive(BaseRate, nameof(BaseRate));

    /// <summary>Requests per second during the spike.</summary>
    public double SpikeRate { get; } = Positive(SpikeRate, nameof(SpikeRate));

    /// <summary>When the spike starts, after the start of the measured window.</summary>
    public TimeSpan At { get; } = NotNegative(At, nameof(At));

    /// <summary>How long the spike lasts.</summary>
    public TimeSpan Length { get; } = Length > TimeSpan.Zero
        ? Length
        : throw new ArgumentOutOfRangeException(nameof(Length), Length, "A spike needs a length above 0.");

    public override string Kind => Name;

    private protected override IEnumerable<RateSegment> Segments()
    {
        var (at, length) = (At.TotalSeconds, Length.TotalSeconds);
        return [new(0, at, BaseRate, BaseRate), new(at, length, SpikeRate, SpikeRate), new(at + length, double.PositiveInfinity, BaseRate, BaseRate)];
    }
}
