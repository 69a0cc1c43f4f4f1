namespace Chaos.Stack.Pipeline.Retraining;

/// <summary>Written when a run starts and removed when it ends: a marker left behind means a crash, and the run resumes.</summary>
public sealed record RunMarker(string RunId, string Trigger, long DataVersion, DateTimeOffset StartedAt);
