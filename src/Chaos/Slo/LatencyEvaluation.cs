using System.Globalization;
using Chaos.Load;
using Chaos.Scenarios;
using HdrHistogram;

namespace Chaos.Slo;

/// <summary>Latency SLO: the fraction of successful answers at most the threshold, plus percentiles.</summary>
internal static class LatencyEvaluation
{
    /// <summary>Null when there is no successful answer to measure.</summary>
    public static double? FractionWithin(LongHistogram histogram, TimeSpan threshold)
    {
        if (histogram.TotalCount == 0)
        {
            return null;
        }
        var thresholdMicros = (long)Math.Floor(threshold.TotalMicroseconds);
        long within = 0;
        foreach (var bucket in histogram.RecordedValues())
        {
            // Conservative: a bucket counts as fast only if every value it may hold is within the threshold.
            if (histogram.HighestEquivalentValue(bucket.ValueIteratedTo) <= thresholdMicros)
            {
                within += bucket.CountAddedInThisIterationStep;
            }
        }
        return (double)within / histogram.TotalCount;
    }

    public static LatencyPercentiles? Percentiles(LongHistogram histogram) =>
        histogram.TotalCount == 0
            ? null
            : new LatencyPercentiles(Millis(histogram, 50), Millis(histogram, 95), Millis(histogram, 99));

    public static double Millis(LongHistogram histogram, double percentile) => histogram.GetValueAtPercentile(percentile) / 1000d;

    public static SloResult Evaluate(LatencySlo slo, IReadOnlyList<LoadInterval> intervals)
    {
        var histogram = LatencyHistograms.Merge(intervals.Select(i => i.Latency));
        var target = string.Create(CultureInfo.InvariantCulture,
            $"{AvailabilityEvaluation.FormatPercentTarget(slo.Fraction)} within {slo.Threshold.TotalMilliseconds:0.###}ms");
        if (FractionWithin(histogram, slo.Threshold) is { } within && slo.Fraction.IsMetBy(within) && SampleSize.Shortfall(slo.Fraction, histogram.TotalCount) is { } shortfall)
        {
            return new SloResult(SloDefinitions.Latency, target, FractionWithin(histogram, slo.Threshold), null, SloStatus.NoData,
                SloDefinitions.FractionUnit, SloDefinitions.LatencyDefinition, histogram.TotalCount) { Message = shortfall, Percentiles = Percentiles(histogram) };
        }
        var result = SloResults.Score(SloDefinitions.Latency, target, slo.Fraction, FractionWithin(histogram, slo.Threshold),
            SloDefinitions.FractionUnit, SloDefinitions.LatencyDefinition, histogram.TotalCount,
            noDataMessage: "no successful answer in the measured window");
        return result with { Percentiles = Percentiles(histogram) };
    }
}
