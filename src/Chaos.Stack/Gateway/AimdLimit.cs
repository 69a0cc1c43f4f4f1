namespace Chaos.Stack.Gateway;

/// <summary>
/// The bulkhead's bound for one replica, adapted to how the replica copes: additive increase, multiplicative decrease, as
/// TCP's congestion window and the AIMD limit of Netflix's concurrency-limits. Each answer within <see cref="SlowAnswer"/>
/// raises the bound by 1 / bound (about one more place per bound's worth of answers), up to <see cref="Max"/>; an attempt
/// that timed out, lost a race as a slow call, or answered after <see cref="SlowAnswer"/> halves it, at most once per
/// <see cref="DecreaseSpacing"/> (the attempts of one queue all time out together: one halving per episode, as TCP halves
/// once per round trip), down to 1.
/// A fixed bound of 8 queues 8 attempts on a replica however slow it is: at 0.1 CPU, ~70 ms of throttled CPU each, that
/// queue is near the attempt timeout, attempts time out, and the breaker opens on a replica that was only full.
/// </summary>
public sealed class AimdLimit
{
    private readonly TimeProvider timeProvider;
    private readonly Lock gate = new();
    private double limit;
    private long lastDecrease;
    private bool decreased;

    /// <summary>A bound that starts at and never exceeds <paramref name="max"/>.</summary>
    public AimdLimit(int max, TimeSpan slowAnswer, TimeSpan decreaseSpacing, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        Max = max;
        SlowAnswer = slowAnswer;
        DecreaseSpacing = decreaseSpacing;
        this.timeProvider = timeProvider;
        limit = max;
    }

    /// <summary>The largest bound.</summary>
    public int Max { get; }

    /// <summary>An answer that took this long counts as a sign of overload (half the attempt timeout in the gateway).</summary>
    public TimeSpan SlowAnswer { get; }

    /// <summary>The shortest time between two halvings.</summary>
    public TimeSpan DecreaseSpacing { get; }

    /// <summary>The bound now: attempts allowed outstanding at once, 1 to <see cref="Max"/>.</summary>
    public int Current
    {
        get
        {
            lock (gate)
            {
                return (int)limit;
            }
        }
    }

    /// <summary>An attempt answered (any status the replica chose to send) after <paramref name="took"/>.</summary>
    public void Answered(TimeSpan took)
    {
        if (took >= SlowAnswer)
        {
            Overloaded();
            return;
        }

        lock (gate)
        {
            limit = Math.Min(Max, limit + (1 / limit));
        }
    }

    /// <summary>An attempt timed out or was beaten as a slow call: halve the bound, unless it was halved within the spacing.</summary>
    public void Overloaded()
    {
        var now = timeProvider.GetTimestamp();
        lock (gate)
        {
            if (decreased && timeProvider.GetElapsedTime(lastDecrease, now) < DecreaseSpacing)
            {
                return;
            }

            limit = Math.Max(1, Math.Floor(limit / 2));
            lastDecrease = now;
            decreased = true;
        }
    }
}
