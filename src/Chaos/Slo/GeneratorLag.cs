using System.Globalization;
using Chaos.Load;
using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>
/// Latency counts from the intended send time, so a generator that sends late adds its own lag to every latency it
/// measures: lag can only make the stack look slower, never faster. A latency-based SLO that passed stands; one that
/// failed while the generator's p99 lag exceeded a tenth of the latency threshold cannot be pinned on the stack, and the
/// run is inconclusive.
/// </summary>
public static class GeneratorLag
{
    public const double ShareOfThreshold = 0.1;

    /// <summary>Why the verdict cannot stand, or null when the lag could not have caused a failure.</summary>
    public static string? Undermines(SloSpec slos, LoadResult load, IReadOnlyList<SloResult> results)
    {
        if (slos.Latency is not { } latency)
        {
            return null;
        }
        var latencyBased = results.Where(r => r.Status == SloStatus.Failed && r.Name is SloDefinitions.Latency or SloDefinitions.TimeToRecover).ToList();
        var lagMs = load.SchedulingLagP99Micros / 1000.0;
        var allowedMs = latency.Threshold.TotalMilliseconds * ShareOfThreshold;
        if (latencyBased.Count == 0 || lagMs <= allowedMs)
        {
            return null;
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"{string.Join(", ", latencyBased.Select(r => r.Name))} missed while the generator's p99 scheduling lag was {lagMs:0.#} ms " +
            $"(more than {ShareOfThreshold:P0} of the {latency.Threshold.TotalMilliseconds:0} ms threshold): the stack's slowness cannot be told from the generator's");
    }
}
