namespace Chaos.Load.Profiles;

/// <summary>From <see cref="At"/> (after the start of the measured window) on, arrivals come at <see cref="Rate"/> per second.</summary>
public sealed record RateStep(TimeSpan At, double Rate);
