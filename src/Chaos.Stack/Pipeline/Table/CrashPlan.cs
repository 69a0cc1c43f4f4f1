namespace Chaos.Stack.Pipeline.Table;

/// <summary>Where a test stops the next commit: at <see cref="Stage"/>, after <see cref="Fraction"/> of the data file's bytes.</summary>
public sealed record CrashPlan(CommitStage Stage, double Fraction = 0.5);
