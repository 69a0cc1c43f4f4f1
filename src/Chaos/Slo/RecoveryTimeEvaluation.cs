using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>Recovery time objective for region loss: fault start to the first successful answer served by the standby region.</summary>
public static class RecoveryTimeEvaluation
{
    /// <summary>When the standby first answered successfully at or after the fault start; null when it never did.</summary>
    public static double? FirstGoodAnswer(double faultStartSeconds, IEnumerable<RegionAnswer> answers, string standbyRegion) =>
        Delays.FirstAtOrAfter(faultStartSeconds,
            answers.Where(a => a.IsSuccessful && string.Equals(a.Region, standbyRegion, StringComparison.Ordinal)).Select(a => a.Seconds));

    /// <summary>Scores the RTO from the time of the standby's first good answer (null: it never answered).</summary>
    public static SloResult Evaluate(Threshold target, double? faultStartSeconds, double? firstGoodStandbyAnswerSeconds)
    {
        var first = faultStartSeconds is { } start && firstGoodStandbyAnswerSeconds is { } answer
            ? Delays.FirstAtOrAfter(start, [answer])
            : null;
        return Delays.Score(SloDefinitions.RecoveryTime, SloDefinitions.RecoveryTimeDefinition, target, faultStartSeconds, first,
            first is null ? 0 : 1, noStartMessage: "no region-loss fault was injected, so there is nothing to recover from",
            noEventMessage: "never recovered: the standby served no successful answer at or after the fault start");
    }

    /// <summary>Scores the RTO from the answers the client saw; the standby is named by <paramref name="standbyRegion"/>.</summary>
    public static SloResult Evaluate(Threshold target, double? faultStartSeconds, IReadOnlyList<RegionAnswer> answers, string standbyRegion)
    {
        var result = Evaluate(target, faultStartSeconds, faultStartSeconds is { } start ? FirstGoodAnswer(start, answers, standbyRegion) : null);
        var after = faultStartSeconds is { } from ? answers.Count(a => a.Seconds >= from) : 0;
        return result.Status == SloStatus.NoData ? result : result with { Samples = after };
    }
}
