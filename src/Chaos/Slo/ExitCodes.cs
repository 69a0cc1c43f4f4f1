namespace Chaos.Slo;

/// <summary>Process exit codes of the <c>chaos</c> command, and the mapping from a run's outcome.</summary>
public static class ExitCodes
{
    public const int Passed = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    /// <summary>No verdict possible: inconclusive, fault not injected, cleanup failed, container engine missing.</summary>
    public const int NoVerdict = 3;

    public static int For(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Passed => Passed,
        RunOutcome.Failed => Failed,
        _ => NoVerdict,
    };
}
