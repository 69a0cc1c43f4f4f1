using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>
/// Drift detection delay: start of the injected drift to the first <see cref="StackSignalKinds.DriftAlarm"/> at or after it;
/// time to retrain: the same start to the first finished retraining run (<see cref="StackSignalKinds.Retrained"/>).
/// </summary>
public static class DriftDetectionDelayEvaluation
{
    /// <summary>Scores the delay; <paramref name="driftStartSeconds"/> null (no drift injected) gives no data, no alarm fails.</summary>
    public static SloResult Evaluate(Threshold target, double? driftStartSeconds, IReadOnlyList<StackSignal> signals) =>
        Score(SloDefinitions.DriftDetectionDelay, SloDefinitions.DriftDetectionDelayDefinition, StackSignalKinds.DriftAlarm, target, driftStartSeconds, signals,
            "never alarmed: the drift monitor raised no drift alarm at or after the drift start");

    /// <summary>Scores the time to retrain; no drift gives no data, no finished run fails.</summary>
    public static SloResult EvaluateRetraining(Threshold target, double? driftStartSeconds, IReadOnlyList<StackSignal> signals) =>
        Score(SloDefinitions.TimeToRetrain, SloDefinitions.TimeToRetrainDefinition, StackSignalKinds.Retrained, target, driftStartSeconds, signals,
            "never retrained: the pipeline finished no retraining run at or after the drift start");

    private static SloResult Score(string name, string definition, string kind, Threshold target, double? driftStartSeconds, IReadOnlyList<StackSignal> signals, string noEvent)
    {
        var times = signals.Where(s => s.Kind == kind).Select(s => s.Seconds).ToList();
        var first = driftStartSeconds is { } start ? Delays.FirstAtOrAfter(start, times) : null;
        var samples = driftStartSeconds is { } from ? times.Count(s => s >= from) : 0;
        return Delays.Score(name, definition, target, driftStartSeconds, first, samples,
            noStartMessage: "no drift was injected, so there is nothing to detect", noEventMessage: noEvent);
    }
}
