namespace Chaos.Load.Profiles;

/// <summary>Arrivals at one fixed rate throughout.</summary>
public sealed record ConstantArrivalProfile(double Rate) : ArrivalProfile
{
    /// <summary>The profile's name in scenario files.</summary>
    public const string Name = "constant";

    /// <summary>Requests per second.</summary>
    public double Rate { get; } = Positive(Rate, nameof(Rate));

    public override string Kind => Name;

    private protected override IEnumerable<RateSegment> Segments() => [new(0, double.PositiveInfinity, Rate, Rate)];
}
