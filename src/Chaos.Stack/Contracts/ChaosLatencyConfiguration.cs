namespace Chaos.Stack.Contracts;

/// <summary>Injected latency: this share of attempts waits <see cref="Delay"/> (such as 200ms) before being sent.</summary>
public sealed record ChaosLatencyConfiguration(double? Rate, string? Delay);
