using Chaos.Load;
using Chaos.Scenarios;

namespace Chaos.Engine;

/// <summary>
/// Decides whether a guardrail trips: its metric, computed per settled one-second interval (every request of the
/// interval has answered or timed out), is past its limit for <c>for</c> consecutive seconds. Error rate and availability
/// count dropped requests as failed; an interval with no completed request never counts towards a trip.
/// </summary>
public static class GuardrailEvaluator
{
    public static GuardrailTrip? Check(GuardrailSpec guardrail, IReadOnlyList<IntervalCounts> settled)
    {
        var needed = Math.Max(1, (int)Math.Ceiling(guardrail.For.TotalSeconds));
        var streak = 0;
        foreach (var interval in settled.OrderBy(i => i.Index))
        {
            var value = Value(guardrail.Metric, interval);
            streak = value is { } v && guardrail.Limit.IsMetBy(v) ? streak + 1 : 0;
            if (streak >= needed)
            {
                var limit = $"{guardrail.Limit.Symbol} {guardrail.Limit.Value:0.####}{(KnownGuardrailMetrics.IsDuration(guardrail.Metric) ? " s" : "")}";
                return new GuardrailTrip(guardrail.Metric, limit, interval.Index - needed + 1, interval.Index, value!.Value);
            }
        }
        return null;
    }

    /// <summary>The metric of one interval: fractions for rates, seconds for latency; null without completed requests.</summary>
    public static double? Value(string metric, IntervalCounts interval)
    {
        if (interval.Total == 0)
        {
            return null;
        }
        return metric switch
        {
            KnownGuardrailMetrics.ErrorRate => (double)interval.Failed / interval.Total,
            KnownGuardrailMetrics.Availability => (double)interval.Successful / interval.Total,
            KnownGuardrailMetrics.P99Latency => interval.P99Micros is { } p99 ? p99 / 1_000_000.0 : null,
            _ => null,
        };
    }
}
