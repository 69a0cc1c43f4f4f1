using System.Globalization;
using Chaos.Load;
using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>
/// Latency counts from the intended send time, so a generator that sends late adds its own lag to every latency it
/// measures: lag can only make the stack look slower, never faster. A latency-based SLO that passed stands. One that failed
/// while the generator's p99 lag exceeded a tenth of the latency threshold is judged once more, on latency counted from each
/// request's actual send: if it fails there too, the stack missed it; if it would pass, the failure cannot be pinned on the
/// stack and the run is inconclusive. A failed SLO that latency does not decide makes the failure stand whatever the lag.
/// </summary>
public static class GeneratorLag
{
    public const double ShareOfThreshold = 0.1;

    /// <summary>Why the verdict cannot stand, or null when the lag could not have caused the failure.</summary>
    public static string? Undermines(SloSpec slos, LoadResult load, IReadOnlyList<SloResult> results, IReadOnlyList<double> faultStartSeconds)
    {
        if (slos.Latency is not { } latency)
        {
            return null;
        }
        var failed = results.Where(r => r.Status == SloStatus.Failed).ToList();
        var lagMs = load.SchedulingLagP99Micros / 1000.0;
        var allowedMs = latency.Threshold.TotalMilliseconds * ShareOfThreshold;
        if (failed.Count == 0 || failed.Any(r => !IsLatencyBased(r.Name)) || lagMs <= allowedMs)
        {
            return null;
        }
        var excused = failed.Where(r => !FailsFromSend(r.Name, slos, latency, load, faultStartSeconds)).Select(r => r.Name).ToList();
        if (excused.Count == 0)
        {
            return null;
        }
        var lag = string.Create(CultureInfo.InvariantCulture,
            $"the generator's p99 scheduling lag was {lagMs:0.#} ms (more than {ShareOfThreshold:P0} of the {latency.Threshold.TotalMilliseconds:0} ms threshold)");
        return $"{string.Join(", ", excused)} missed while {lag}, and counted from each request's actual send it does not show a miss: " +
            "the stack's slowness cannot be told from the generator's";
    }

    private static bool IsLatencyBased(string name) => name is SloDefinitions.Latency or SloDefinitions.TimeToRecover;

    // Whether the SLO still fails with the generator's lag taken out; false where the intervals cannot tell (recorded
    // without the SLO's threshold), which leaves the failure in doubt.
    private static bool FailsFromSend(string name, SloSpec slos, LatencySlo latency, LoadResult load, IReadOnlyList<double> faultStartSeconds)
    {
        if (load.Intervals.Count == 0 || load.Intervals.Any(i => i.LatencyThreshold != latency.Threshold))
        {
            return false;
        }
        if (name == SloDefinitions.Latency)
        {
            var successful = load.Intervals.Sum(i => i.Successful);
            return successful > 0 && !latency.Fraction.IsMetBy((double)load.Intervals.Sum(i => i.FastFromSend) / successful);
        }
        return slos.TimeToRecover is { } target
            && RecoveryEvaluation.Evaluate(target, slos, load, faultStartSeconds, fromSend: true).Status == SloStatus.Failed;
    }
}
