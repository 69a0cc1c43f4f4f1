namespace Chaos.Stack.Proxy;

/// <summary>
/// Draws the delay of the latency mode: uniform on [mean - jitter, mean + jitter] (mean and variance jitter²/3),
/// from a seeded random source so that a run can be replayed. Jitter never exceeds the mean (validated), so no delay is negative.
/// </summary>
public sealed class LatencySampler(int seed)
{
    private readonly Random random = new(seed);
    private readonly Lock gate = new();

    /// <summary>One delay for a mean and a jitter half-width, both in milliseconds.</summary>
    public TimeSpan Next(double meanMs, double jitterMs)
    {
        double unit;
        lock (gate)
        {
            unit = random.NextDouble();
        }

        return TimeSpan.FromMilliseconds(Math.Max(0, meanMs + ((2 * unit) - 1) * jitterMs));
    }
}
