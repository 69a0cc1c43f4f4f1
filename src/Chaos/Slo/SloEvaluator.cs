using Chaos.Load;
using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>Scores a run's load against the scenario's SLOs; an SLO without samples is <see cref="SloStatus.NoData"/>, never passed.</summary>
public static class SloEvaluator
{
    /// <summary>Scores every SLO the scenario asks for; fault starts are on the run clock (seconds since the start of the measured window).</summary>
    public static IReadOnlyList<SloResult> Evaluate(Scenario scenario, LoadResult load, IReadOnlyList<double> faultStartSeconds)
    {
        var slos = scenario.Slos;
        var results = new List<SloResult>();
        if (slos.Availability is { } availability)
        {
            results.Add(AvailabilityEvaluation.Evaluate(availability, load.Intervals));
        }
        if (slos.Latency is { } latency)
        {
            results.Add(LatencyEvaluation.Evaluate(latency, load.Intervals));
        }
        if (slos.TimeToRecover is { } timeToRecover)
        {
            results.Add(RecoveryEvaluation.Evaluate(timeToRecover, slos, load, faultStartSeconds));
        }
        return results;
    }
}
