namespace Chaos.Load.Profiles;

/// <summary>A stretch of time, in seconds, over which the arrival rate moves linearly from <see cref="StartRate"/> to <see cref="EndRate"/>.</summary>
/// <remarks>The last segment of a profile is infinitely long and holds its rate.</remarks>
internal readonly record struct RateSegment(double Start, double Length, double StartRate, double EndRate)
{
    public double End => Start + Length;

    private double Slope => double.IsPositiveInfinity(Length) || Length == 0 ? 0 : (EndRate - StartRate) / Length;

    /// <summary>Arrivals expected over the whole segment.</summary>
    public double Count => double.IsPositiveInfinity(Length) ? double.PositiveInfinity : CountWithin(Length);

    public double RateAt(double offset) => StartRate + (Slope * offset);

    /// <summary>Arrivals expected from the segment's start to <paramref name="offset"/>: the area under a line.</summary>
    public double CountWithin(double offset) => (StartRate * offset) + (0.5 * Slope * offset * offset);

    /// <summary>The offset at which <paramref name="count"/> arrivals are expected: the positive root of the quadratic.</summary>
    public double OffsetOf(double count)
    {
        if (Slope == 0)
        {
            return count / StartRate;
        }
        // 2m / (r0 + sqrt(r0^2 + 2am)) is the root without the cancellation of (-r0 + sqrt(...)) / a.
        var discriminant = Math.Max(0, (StartRate * StartRate) + (2 * Slope * count));
        return 2 * count / (StartRate + Math.Sqrt(discriminant));
    }
}
