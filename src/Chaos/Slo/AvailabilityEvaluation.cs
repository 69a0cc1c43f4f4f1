using System.Globalization;
using Chaos.Load;
using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>Availability over a set of intervals: successful answers over intended requests.</summary>
internal static class AvailabilityEvaluation
{
    /// <summary>Null when no request was intended: there is nothing to score.</summary>
    public static double? Measure(IEnumerable<LoadInterval> intervals)
    {
        long intended = 0, successful = 0;
        foreach (var interval in intervals)
        {
            intended += interval.Intended;
            successful += interval.Successful;
        }
        return intended == 0 ? null : (double)successful / intended;
    }

    /// <summary>Ok answers (not degraded) over intended requests; null when no request was intended.</summary>
    public static double? MeasureFullService(IEnumerable<LoadInterval> intervals)
    {
        long intended = 0, ok = 0;
        foreach (var interval in intervals)
        {
            intended += interval.Intended;
            ok += interval.Count(Outcome.Ok);
        }
        return intended == 0 ? null : (double)ok / intended;
    }

    public static SloResult Evaluate(Threshold target, IReadOnlyList<LoadInterval> intervals) =>
        Score(SloDefinitions.Availability, SloDefinitions.AvailabilityDefinition, target, intervals, Measure(intervals));

    public static SloResult EvaluateFullService(Threshold target, IReadOnlyList<LoadInterval> intervals) =>
        Score(SloDefinitions.FullService, SloDefinitions.FullServiceDefinition, target, intervals, MeasureFullService(intervals));

    private static SloResult Score(string name, string definition, Threshold target, IReadOnlyList<LoadInterval> intervals, double? measured) =>
        ScoreFraction(name, definition, target, measured, intervals.Sum(i => i.Intended), "no request was intended in the measured window");

    /// <summary>
    /// Scores a fraction against a percent target: a measurement that meets it with fewer samples than the target needs (the rule
    /// of three) is no data, never a pass; no measurement is no data with <paramref name="noDataMessage"/>.
    /// </summary>
    public static SloResult ScoreFraction(string name, string definition, Threshold target, double? measured, long samples, string noDataMessage)
    {
        if (measured is { } value && target.IsMetBy(value) && SampleSize.Shortfall(target, samples) is { } shortfall)
        {
            return new SloResult(name, FormatPercentTarget(target), measured, null, SloStatus.NoData,
                SloDefinitions.FractionUnit, definition, samples) { Message = shortfall };
        }
        return SloResults.Score(name, FormatPercentTarget(target), target, measured, SloDefinitions.FractionUnit, definition, samples,
            noDataMessage: noDataMessage);
    }

    public static string FormatPercentTarget(Threshold target) =>
        string.Create(CultureInfo.InvariantCulture, $"{target.Symbol} {target.Value * 100:0.###}%");
}
