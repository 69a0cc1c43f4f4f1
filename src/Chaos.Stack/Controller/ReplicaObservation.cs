namespace Chaos.Stack.Controller;

/// <summary>One replica container as seen in one interval: whether it runs and whether its readiness probe answered 200.</summary>
public sealed record ReplicaObservation(string ContainerId, string Alias, int Ordinal, bool Running, bool Ready);
