using System.Globalization;
using Chaos.Load;
using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>Time to recover: first fault start to the start of the first second after which every second meets the targets.</summary>
internal static class RecoveryEvaluation
{
    public static SloResult Evaluate(Threshold target, SloSpec slos, LoadResult load, IReadOnlyList<double> faultStartSeconds)
    {
        var targetText = string.Create(CultureInfo.InvariantCulture, $"{target.Symbol} {target.Value:0.###}s");
        SloResult NoData(string message, long samples = 0) =>
            new(SloDefinitions.TimeToRecover, targetText, null, null, SloStatus.NoData, SloDefinitions.SecondsUnit,
                SloDefinitions.TimeToRecoverDefinition, samples) { Message = message };

        if (faultStartSeconds.Count == 0)
        {
            return NoData("no fault was injected, so there is nothing to recover from");
        }
        if (slos.Availability is null && slos.Latency is null)
        {
            return NoData("time to recover needs an availability or latency SLO to judge each second");
        }
        var seconds = MeasuredSeconds.Of(load);
        var faultStart = Math.Max(0, faultStartSeconds.Min());
        var first = (int)Math.Floor(faultStart);
        if (first >= seconds.Length)
        {
            return NoData("the first fault started after the end of the measured window");
        }
        var samples = seconds.Skip(first).Sum(i => i?.Intended ?? 0);
        var lastMissed = -1;
        for (var second = seconds.Length - 1; second >= first; second--)
        {
            if (!Meets(seconds[second], slos))
            {
                lastMissed = second;
                break;
            }
        }
        if (lastMissed == seconds.Length - 1)
        {
            return new SloResult(SloDefinitions.TimeToRecover, targetText, null, null, SloStatus.Failed, SloDefinitions.SecondsUnit,
                SloDefinitions.TimeToRecoverDefinition, samples)
            {
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"never recovered: the last second of the measured window ({lastMissed}) still missed the targets"),
            };
        }
        var recoveredAt = lastMissed < 0 ? first : lastMissed + 1;
        var measured = Math.Max(0, recoveredAt - faultStart);
        return SloResults.Score(SloDefinitions.TimeToRecover, targetText, target, measured, SloDefinitions.SecondsUnit,
            SloDefinitions.TimeToRecoverDefinition, samples, noDataMessage: "no request was intended after the fault");
    }

    private static bool Meets(LoadInterval? interval, SloSpec slos)
    {
        if (interval is null || interval.Intended == 0)
        {
            return false;
        }
        if (slos.Availability is { } availability && !availability.IsMetBy(AvailabilityEvaluation.Measure([interval]) ?? double.NaN))
        {
            return false;
        }
        return slos.Latency is not { } latency
            || (LatencyEvaluation.FractionWithin(interval.Latency, latency.Threshold) is { } fraction && latency.Fraction.IsMetBy(fraction));
    }
}
