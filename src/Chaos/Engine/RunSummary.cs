using Chaos.Reporting;

namespace Chaos.Engine;

/// <summary>The result of a run: its report, where the files are, and the exit code the gate returns.</summary>
public sealed record RunSummary(RunReport Report, string Directory, int ExitCode);
