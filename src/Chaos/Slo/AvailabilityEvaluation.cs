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

    public static SloResult Evaluate(Threshold target, IReadOnlyList<LoadInterval> intervals)
    {
        var samples = intervals.Sum(i => i.Intended);
        var measured = Measure(intervals);
        if (measured is { } value && target.IsMetBy(value) && SampleSize.Shortfall(target, samples) is { } shortfall)
        {
            return new SloResult(SloDefinitions.Availability, FormatPercentTarget(target), measured, null, SloStatus.NoData,
                SloDefinitions.FractionUnit, SloDefinitions.AvailabilityDefinition, samples) { Message = shortfall };
        }
        return SloResults.Score(SloDefinitions.Availability, FormatPercentTarget(target), target, measured,
            SloDefinitions.FractionUnit, SloDefinitions.AvailabilityDefinition, samples,
            noDataMessage: "no request was intended in the measured window");
    }

    public static string FormatPercentTarget(Threshold target) =>
        string.Create(CultureInfo.InvariantCulture, $"{target.Symbol} {target.Value * 100:0.###}%");
}
