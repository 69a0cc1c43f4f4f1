using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>Time to detect: fault start to the first signal of the stack that it noticed, at or after the fault start.</summary>
public static class TimeToDetectEvaluation
{
    /// <summary>Seconds from <paramref name="faultStartSeconds"/> to the first counted signal at or after it; null when there is none.</summary>
    /// <param name="faultStartSeconds">When the fault started, on the measured-window clock.</param>
    /// <param name="signals">Signals on the same clock, in any order.</param>
    /// <param name="kinds">The signal kinds that count as detection; null counts every signal.</param>
    public static double? Measure(double faultStartSeconds, IReadOnlyList<StackSignal> signals, IReadOnlyCollection<string>? kinds = null) =>
        Delays.FirstAtOrAfter(faultStartSeconds, Counted(signals, kinds).Select(s => s.Seconds)) - faultStartSeconds;

    /// <summary>Scores the time to detect; <paramref name="faultStartSeconds"/> null (no fault) gives no data, no signal fails.</summary>
    public static SloResult Evaluate(
        Threshold target, double? faultStartSeconds, IReadOnlyList<StackSignal> signals, IReadOnlyCollection<string>? kinds = null)
    {
        var counted = Counted(signals, kinds).ToList();
        var first = faultStartSeconds is { } start ? Delays.FirstAtOrAfter(start, counted.Select(s => s.Seconds)) : null;
        var samples = faultStartSeconds is { } from ? counted.Count(s => s.Seconds >= from) : 0;
        var result = Delays.Score(SloDefinitions.TimeToDetect, SloDefinitions.TimeToDetectDefinition, target, faultStartSeconds, first, samples,
            noStartMessage: "no fault was injected, so there is nothing to detect",
            noEventMessage: "never detected: the stack raised no " + (KindsText(kinds) is { Length: > 0 } named ? named + " " : "") + "signal at or after the fault start");
        var signal = first is { } at ? counted.First(s => s.Seconds == at) : null;
        return signal is null ? result : result with { Message = $"first signal: {signal.Kind} from {signal.Source}" };
    }

    private static IEnumerable<StackSignal> Counted(IReadOnlyList<StackSignal> signals, IReadOnlyCollection<string>? kinds) =>
        kinds is null ? signals : signals.Where(s => kinds.Contains(s.Kind, StringComparer.Ordinal));

    private static string KindsText(IReadOnlyCollection<string>? kinds) => kinds is null ? "" : $"({string.Join(", ", kinds)}) ";
}
