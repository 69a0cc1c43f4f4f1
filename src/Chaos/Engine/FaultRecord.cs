using Chaos.Faults;

namespace Chaos.Engine;

/// <summary>One fault of the timeline as it happened.</summary>
internal sealed class FaultRecord
{
    public FaultRecord(string kind, double startSeconds)
    {
        Kind = kind;
        StartSeconds = startSeconds;
    }

    public string Kind { get; }
    /// <summary>Start, in seconds since the measured window opened.</summary>
    public double StartSeconds { get; set; }
    /// <summary>The region the fault's target named, if any (region.loss: the lost region).</summary>
    public string? TargetRegion { get; init; }
    public FaultInjection? Injection { get; set; }
    public string? Error { get; set; }
    public bool Reverted { get; set; }
    public bool RevertConfirmed { get; set; } = true;
    public bool Verified => Injection?.Verified == true && Error is null;
}
