using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>Drift detection delay: start of the injected drift to the first <see cref="StackSignalKinds.DriftAlarm"/> at or after it.</summary>
public static class DriftDetectionDelayEvaluation
{
    /// <summary>Scores the delay; <paramref name="driftStartSeconds"/> null (no drift injected) gives no data, no alarm fails.</summary>
    public static SloResult Evaluate(Threshold target, double? driftStartSeconds, IReadOnlyList<StackSignal> signals)
    {
        var alarms = signals.Where(s => s.Kind == StackSignalKinds.DriftAlarm).Select(s => s.Seconds).ToList();
        var first = driftStartSeconds is { } start ? Delays.FirstAtOrAfter(start, alarms) : null;
        var samples = driftStartSeconds is { } from ? alarms.Count(s => s >= from) : 0;
        return Delays.Score(SloDefinitions.DriftDetectionDelay, SloDefinitions.DriftDetectionDelayDefinition, target, driftStartSeconds, first,
            samples, noStartMessage: "no drift was injected, so there is nothing to detect",
            noEventMessage: "never alarmed: the drift monitor raised no drift alarm at or after the drift start");
    }
}
