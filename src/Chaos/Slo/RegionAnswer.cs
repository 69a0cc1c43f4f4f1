using Chaos.Load;

namespace Chaos.Slo;

/// <summary>One answer seen by the client at <see cref="Seconds"/> on the measured-window clock, and the region that served it.</summary>
public sealed record RegionAnswer(double Seconds, Outcome Outcome, string Region)
{
    /// <summary>Ok or degraded: an answer the user could use.</summary>
    public bool IsSuccessful => Outcome is Outcome.Ok or Outcome.Degraded;
}
