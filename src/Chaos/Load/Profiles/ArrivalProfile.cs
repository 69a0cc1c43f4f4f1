namespace Chaos.Load.Profiles;

/// <summary>
/// An open-model arrival rate over the measured window (t = 0 is its start), as piecewise-linear segments in closed form.
/// Arrival n (n = 0, 1, 2...) is due when <see cref="ExpectedCount"/> reaches n; the warm-up runs at <see cref="InitialRate"/>.
/// </summary>
public abstract record ArrivalProfile
{
    private protected ArrivalProfile()
    {
    }

    /// <summary>The profile's name in scenario files.</summary>
    public abstract string Kind { get; }

    /// <summary>Requests per second at the start of the measured window, also the warm-up's rate.</summary>
    public double InitialRate => RateAt(TimeSpan.Zero);

    /// <summary>Requests per second at <paramref name="t"/> after the start of the measured window.</summary>
    public double RateAt(TimeSpan t)
    {
        var x = Seconds(t);
        var segment = Segments().First(s => x < s.End);
        return segment.RateAt(x - segment.Start);
    }

    /// <summary>Arrivals expected from the start of the measured window to <paramref name="t"/>: the integral of the rate.</summary>
    public double ExpectedCount(TimeSpan t)
    {
        var x = Seconds(t);
        var before = 0d;
        foreach (var segment in Segments())
        {
            if (x <= segment.End)
            {
                return before + segment.CountWithin(x - segment.Start);
            }
            before += segment.Count;
        }
        throw new InvalidOperationException("A profile's last segment never ends.");
    }

    /// <summary>Intended send time of arrival <paramref name="n"/>: the inverse of <see cref="ExpectedCount"/>, to the tick.</summary>
    public TimeSpan TimeOfArrival(long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var before = 0d;
        foreach (var segment in Segments())
        {
            if (n < before + segment.Count)
            {
                var seconds = segment.Start + segment.OffsetOf(n - before);
                return TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
            }
            before += segment.Count;
        }
        throw new InvalidOperationException("A profile's last segment never ends.");
    }

    /// <summary>How many arrivals are due before <paramref name="duration"/>: every n with <see cref="TimeOfArrival"/>(n) &lt; duration.</summary>
    public long TotalArrivals(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(duration.Ticks, nameof(duration));
        // Start from the closed form, then settle rounding at the edge against the arrival times themselves.
        var count = Math.Max(0, (long)Math.Ceiling(ExpectedCount(duration) - 1e-6));
        while (count > 0 && TimeOfArrival(count - 1) >= duration)
        {
            count--;
        }
        while (TimeOfArrival(count) < duration)
        {
            count++;
        }
        return count;
    }

    /// <summary>The rate as segments in time order; the last one is infinitely long.</summary>
    private protected abstract IEnumerable<RateSegment> Segments();

    private protected static double Positive(double rate, string name) =>
        double.IsFinite(rate) && rate > 0 ? rate : throw new ArgumentOutOfRangeException(name, rate, "A rate must be a finite number above 0.");

    private protected static TimeSpan NotNegative(TimeSpan time, string name) =>
        time >= TimeSpan.Zero ? time : throw new ArgumentOutOfRangeException(name, time, "A time must not be negative.");

    private static double Seconds(TimeSpan t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t.Ticks, nameof(t));
        return (double)t.Ticks / TimeSpan.TicksPerSecond;
    }
}
