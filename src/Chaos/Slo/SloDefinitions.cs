namespace Chaos.Slo;

/// <summary>The names, units and one-meaning definitions of the SLOs, written into every report.</summary>
public static class SloDefinitions
{
    public const string Availability = "availability";
    public const string Latency = "latency";
    public const string TimeToRecover = "timeToRecover";

    /// <summary>Unit of a ratio between 0 and 1 (reports show it as a percentage).</summary>
    public const string FractionUnit = "fraction";
    public const string SecondsUnit = "s";

    public const string AvailabilityDefinition =
        "(ok + degraded answers) / requests the generator intended to send over the measured window; " +
        "dropped, failed and timed-out requests count as not available; no intended requests gives no data.";

    public const string LatencyDefinition =
        "fraction of successful (ok + degraded) answers whose latency, measured from the intended send time, is at most the threshold " +
        "(HdrHistogram, 3 significant digits; an answer sharing a histogram bucket with the threshold counts as slower); no successful answers gives no data.";

    public const string TimeToRecoverDefinition =
        "seconds from the first fault start to the start of the first one-second interval after which every interval to the end of the " +
        "measured window meets the availability and latency targets; an interval with no intended requests does not meet them; no fault gives no data.";
}
