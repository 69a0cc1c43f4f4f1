namespace Chaos.Reporting;

/// <summary>
/// One entry of the run journal. <see cref="Seconds"/> is on the run's single clock: seconds since the run started.
/// The load's measured window starts at <see cref="Chaos.Load.LoadResult.MeasuredStartSeconds"/> on the same clock.
/// </summary>
public sealed record RunEvent(DateTimeOffset Time, double Seconds, string Type, IReadOnlyDictionary<string, object?> Data)
{
    public static class Types
    {
        public const string RunStarted = "run.started";
        public const string StackUp = "stack.up";
        public const string SteadyStateChecked = "steady-state.checked";
        public const string LoadStarted = "load.started";
        public const string FaultInjected = "fault.injected";
        public const string FaultVerified = "fault.verified";
        public const string FaultReverted = "fault.reverted";
        public const string FaultFailed = "fault.failed";
        public const string LoadFinished = "load.finished";
        public const string SloEvaluated = "slo.evaluated";
        public const string StackDown = "stack.down";
        public const string RunFinished = "run.finished";
        public const string RunCancelled = "run.cancelled";
        public const string Error = "error";
    }
}
