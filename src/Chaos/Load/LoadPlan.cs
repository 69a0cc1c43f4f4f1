namespace Chaos.Load;

/// <summary>A constant-rate open-model schedule: request i is due at warm-up start + i / rate.</summary>
public sealed record LoadPlan(double RatePerSecond, TimeSpan Warmup, TimeSpan Duration, int MaxInFlight, TimeSpan Timeout)
{
    /// <summary>Every request the plan will ever schedule: the loop's hard bound on count.</summary>
    public long TotalRequests => (long)Math.Floor(RatePerSecond * (Warmup + Duration).TotalSeconds);

    public long WarmupRequests => (long)Math.Floor(RatePerSecond * Warmup.TotalSeconds);

    public int MeasuredSeconds => (int)Math.Ceiling(Duration.TotalSeconds);

    /// <summary>Intended send time of request <paramref name="sequence"/>, relative to the start of the warm-up.</summary>
    public TimeSpan DueAt(long sequence) => TimeSpan.FromTicks((long)(sequence * TimeSpan.TicksPerSecond / RatePerSecond));

    /// <summary>The loop's hard bound on time: schedule, plus one timeout for the last answers, plus a margin.</summary>
    public TimeSpan Deadline => Warmup + Duration + Timeout + TimeSpan.FromSeconds(5);
}
