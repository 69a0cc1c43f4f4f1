namespace Chaos.Slo;

/// <summary>
/// A sign that the stack noticed something, at <see cref="Seconds"/> on the measured-window clock; <see cref="Kind"/> is one of
/// <see cref="StackSignalKinds"/> (or a kind of the caller's), <see cref="Source"/> who raised it (a gateway, a replica, the pipeline).
/// </summary>
public sealed record StackSignal(double Seconds, string Kind, string Source);
