namespace Chaos.Stack.Pipeline.Table;

/// <summary>Thrown by a crash hook to stop a writer mid-commit, leaving on disk exactly what a killed process would.</summary>
public sealed class SimulatedCrashException(string message) : Exception(message);
