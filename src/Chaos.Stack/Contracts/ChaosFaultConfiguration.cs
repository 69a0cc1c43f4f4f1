namespace Chaos.Stack.Contracts;

/// <summary>Injected faults: this share of attempts fails as if the replica could not be reached.</summary>
public sealed record ChaosFaultConfiguration(double? Rate);
