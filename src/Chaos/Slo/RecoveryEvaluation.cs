using System.Globalization;
using Chaos.Load;
using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>Time to recover: first fault start to the first second from which the rest of the window, taken together, meets the targets.</summary>
internal static class RecoveryEvaluation
{
    // fromSend: judge latency counted from each request's actual send (LoadInterval.FastFromSend) instead of its intended
    // send time, the generator's own lag taken out. Only for intervals recorded with the latency SLO's threshold.
    public static SloResult Evaluate(Threshold target, SloSpec slos, LoadResult load, IReadOnlyList<double> faultStartSeconds, bool fromSend = false)
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
        // Suffix sums, so every candidate start is judged on the aggregate of the rest of the window in O(1).
        var n = seconds.Length;
        var intended = new long[n + 1];
        var successful = new long[n + 1];
        var fast = new long[n + 1];
        var holes = new int[n + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            var interval = seconds[i];
            intended[i] = intended[i + 1] + (interval?.Intended ?? 0);
            successful[i] = successful[i + 1] + (interval?.Successful ?? 0);
            fast[i] = fast[i + 1] + (fromSend ? interval?.FastFromSend ?? 0 : FastAnswers(interval, slos.Latency));
            holes[i] = holes[i + 1] + (interval is null || interval.Intended == 0 ? 1 : 0);
        }
        int? recoveredAt = null;
        for (var start = first; start < n && recoveredAt is null; start++)
        {
            if (holes[start] == 0 && Holds(slos, intended[start], successful[start], fast[start]))
            {
                recoveredAt = start;
            }
        }
        if (recoveredAt is not { } at)
        {
            return new SloResult(SloDefinitions.TimeToRecover, targetText, null, null, SloStatus.Failed, SloDefinitions.SecondsUnit,
                SloDefinitions.TimeToRecoverDefinition, samples)
            {
                Message = "never recovered: no second after the fault starts a rest of the window that meets the targets with enough samples",
            };
        }
        var measured = Math.Max(0, at - faultStart);
        return SloResults.Score(SloDefinitions.TimeToRecover, targetText, target, measured, SloDefinitions.SecondsUnit,
            SloDefinitions.TimeToRecoverDefinition, samples, noDataMessage: "no request was intended after the fault");
    }

    // The rest of the window holds when its aggregate meets each target, on enough samples to support it (rule of three).
    private static bool Holds(SloSpec slos, long intended, long successful, long fast)
    {
        if (intended == 0)
        {
            return false;
        }
        if (slos.Availability is { } availability
            && (!availability.IsMetBy((double)successful / intended) || SampleSize.Shortfall(availability, intended) is not null))
        {
            return false;
        }
        return slos.Latency is not { } latency
            || (successful > 0 && latency.Fraction.IsMetBy((double)fast / successful) && SampleSize.Shortfall(latency.Fraction, successful) is null);
    }

    private static long FastAnswers(LoadInterval? interval, LatencySlo? latency)
    {
        if (interval is null || latency is null || interval.Latency.TotalCount == 0)
        {
            return 0;
        }
        var fraction = LatencyEvaluation.FractionWithin(interval.Latency, latency.Threshold) ?? 0;
        return (long)Math.Round(fraction * interval.Latency.TotalCount);
    }
}
