namespace Chaos.Load;

/// <summary>
/// The <c>request.corrupt</c> switch of a run: while its rate is above zero, the request factory sends that share of
/// requests malformed, and the generator counts how the stack answered them. A corrupt request answered 4xx is
/// <see cref="Outcome.Rejected"/>: expected, and kept out of the availability of the good requests.
/// </summary>
public sealed class RequestCorruption(int seed)
{
    /// <summary>Marks a request as corrupt, so the generator classifies its answer apart.</summary>
    public static readonly HttpRequestOptionsKey<RequestCorruption> Key = new("chaos.corrupt");

    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private double _rate;
    private long _sent;
    private long _rejected;
    private long _accepted;
    private long _other;

    /// <summary>Share of requests sent malformed (0: off).</summary>
    public double Rate
    {
        get => Volatile.Read(ref _rate);
        set => Volatile.Write(ref _rate, Math.Clamp(value, 0, 1));
    }

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Corrupt requests the stack refused with 4xx, as it should.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Corrupt requests the stack answered 2xx: its input validation let them through.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Corrupt requests that ended otherwise (5xx, timeout, connection error).</summary>
    public long Other => Interlocked.Read(ref _other);

    /// <summary>Whether the next request goes out corrupt (seeded, so a run replays).</summary>
    public bool Next()
    {
        var rate = Rate;
        if (rate <= 0)
        {
            return false;
        }
        lock (_gate)
        {
            return _random.NextDouble() < rate;
        }
    }

    /// <summary>Counts a corrupt request's answer and maps a 4xx to <see cref="Outcome.Rejected"/>.</summary>
    public Outcome Classify(Outcome outcome)
    {
        Interlocked.Increment(ref _sent);
        switch (outcome)
        {
            case Outcome.ClientError:
                Interlocked.Increment(ref _rejected);
                return Outcome.Rejected;
            case Outcome.Ok or Outcome.Degraded:
                Interlocked.Increment(ref _accepted);
                return outcome;
            default:
                Interlocked.Increment(ref _other);
                return outcome;
        }
    }
}
