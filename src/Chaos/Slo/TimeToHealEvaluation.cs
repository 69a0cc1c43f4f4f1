using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>Time to heal: fault start to the first replica the controller reported ready at or after it (capacity restored).</summary>
public static class TimeToHealEvaluation
{
    /// <summary>Scores the time to heal; <paramref name="faultStartSeconds"/> null (no fault) gives no data, no ready replica fails.</summary>
    public static SloResult Evaluate(Threshold target, double? faultStartSeconds, IReadOnlyList<StackSignal> signals)
    {
        var ready = signals.Where(s => s.Kind == StackSignalKinds.ReplicaReady).ToList();
        var first = faultStartSeconds is { } start ? Delays.FirstAtOrAfter(start, ready.Select(s => s.Seconds)) : null;
        var samples = faultStartSeconds is { } from ? ready.Count(s => s.Seconds >= from) : 0;
        var result = Delays.Score(SloDefinitions.TimeToHeal, SloDefinitions.TimeToHealDefinition, target, faultStartSeconds, first, samples,
            noStartMessage: "no fault was injected, so there is nothing to heal",
            noEventMessage: "never healed: no replica was reported ready at or after the fault start");
        var signal = first is { } at ? ready.First(s => s.Seconds == at) : null;
        return signal is null ? result : result with { Message = $"first replica-ready signal from the {signal.Source}" };
    }
}
