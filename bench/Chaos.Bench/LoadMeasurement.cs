using Chaos.Load;

namespace Chaos.Bench;

/// <summary>One generator run, with what the bench derives from the actual send times.</summary>
public sealed record LoadMeasurement
{
    public required LoadPlan Plan { get; init; }
    public required LoadResult Result { get; init; }
    /// <summary>CPU time of the whole client process (all threads) over the run, warm-up included.</summary>
    public TimeSpan ClientCpu { get; init; }
    /// <summary>Client CPU per request sent, microseconds (warm-up included; warm-up drops counted as sent, so a slight underestimate).</summary>
    public double ClientCpuMicrosPerSent => ClientCpu.TotalMicroseconds / Math.Max(1, Result.Intended - Dropped + Plan.WarmupRequests);
    /// <summary>Measured-window requests that completed with a 2xx, per second of the planned window.</summary>
    public required double CompletedPerSecond { get; init; }
    /// <summary>Measured-window requests sent, over the actual time from the first to the last of them.</summary>
    public required double ActualSendRatePerSecond { get; init; }
    /// <summary>Actual send time - intended send time over the measured window's sent requests, microseconds.</summary>
    public required long LagP50Micros { get; init; }
    public required long LagP99Micros { get; init; }
    public required long LagMaxMicros { get; init; }
    /// <summary>Share of measured sends that went out before their intended time (the generator sends up to 1 ms early).</summary>
    public required double EarlyFraction { get; init; }
    /// <summary>Most negative (actual - intended) send time, microseconds; 0 if none was early.</summary>
    public required long EarliestMicros { get; init; }
    public required long Dropped { get; init; }
    public required long Failed { get; init; }
    public required long AllocatedBytes { get; init; }
    public required int Gen0Collections { get; init; }
    public required int Gen2Collections { get; init; }
    public required TimeSpan Elapsed { get; init; }

    public long Intended => Result.Intended;

    public double DroppedFraction => Intended == 0 ? 0 : (double)Dropped / Intended;
}
