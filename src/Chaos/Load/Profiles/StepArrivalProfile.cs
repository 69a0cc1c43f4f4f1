namespace Chaos.Load.Profiles;

/// <summary>A rate that starts at <see cref="BaseRate"/> and jumps to each step's rate at its time; steps at the same time last zero seconds.</summary>
public sealed record StepArrivalProfile : ArrivalProfile
{
    /// <summary>The profile's name in scenario files.</summary>
    public const string Name = "step";

    public StepArrivalProfile(double baseRate, IEnumerable<RateStep> steps)
    {
        BaseRate = Positive(baseRate, nameof(baseRate));
        Steps = [.. steps];
        if (Steps.Count == 0)
        {
            throw new ArgumentException("A step profile needs at least one step.", nameof(steps));
        }
        for (var i = 0; i < Steps.Count; i++)
        {
            NotNegative(Steps[i].At, nameof(steps));
            Positive(Steps[i].Rate, nameof(steps));
            if (i > 0 && Steps[i].At < Steps[i - 1].At)
            {
                throw new ArgumentException("Steps must be in time order.", nameof(steps));
            }
        }
    }

    /// <summary>Requests per second before the first step.</summary>
    public double BaseRate { get; }

    /// <summary>The steps, in time order.</summary>
    public IReadOnlyList<RateStep> Steps { get; }

    public override string Kind => Name;

    public bool Equals(StepArrivalProfile? other) =>
        other is not null && BaseRate.Equals(other.BaseRate) && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => HashCode.Combine(BaseRate, Steps.Count);

    private protected override IEnumerable<RateSegment> Segments()
    {
        var start = 0d;
        var rate = BaseRate;
        foreach (var step in Steps)
        {
            var at = step.At.TotalSeconds;
            yield return new RateSegment(start, at - start, rate, rate);
            (start, rate) = (at, step.Rate);
        }
        yield return new RateSegment(start, double.PositiveInfinity, rate, rate);
    }
}
