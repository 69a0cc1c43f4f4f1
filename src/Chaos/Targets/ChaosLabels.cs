namespace Chaos.Targets;

/// <summary>Labels on every container, network and image the harness creates; faults and cleanup select by them.</summary>
public static class ChaosLabels
{
    public const string Project = "chaos.project";
    public const string ProjectValue = "chaos";
    public const string Run = "chaos.run";
    public const string Role = "chaos.role";
    /// <summary>The region of the container: a (primary), b (standby) or global (the front door).</summary>
    public const string Region = "chaos.region";
    /// <summary>"pid:starttime" of the harness process that owns the run, so a later run can tell whether it is gone.</summary>
    public const string Owner = "chaos.owner";
    /// <summary>Owner value of a stack started by <c>chaos stack up</c>: it outlives the command; <c>chaos stack down</c> removes it.</summary>
    public const string DetachedOwner = "detached";
}
