namespace Chaos.Stack.Contracts;

/// <summary>Injected outcomes: this share of attempts answers <see cref="Status"/> (503 when absent) without reaching the replica.</summary>
public sealed record ChaosOutcomeConfiguration(double? Rate, int? Status);
