using Chaos.Load;

namespace Chaos.Slo;

/// <summary>
/// Burn rate per second of the measured window for charts: <see cref="BurnRates"/>[s] is the burn over the short window ending with
/// second s (seconds s - <see cref="WindowSeconds"/> + 1 to s); null until the first window is full or when the window had no traffic.
/// </summary>
public sealed record BurnRateSeries(double AvailabilityTarget, int WindowSeconds, IReadOnlyList<double?> BurnRates)
{
    /// <summary>The rolling short-window burn of <paramref name="load"/> against an availability target in [0, 1).</summary>
    public static BurnRateSeries From(double availabilityTarget, LoadResult load)
    {
        var seconds = MeasuredSeconds.Of(load);
        var window = ErrorBudgetEvaluation.ShortWindowSeconds(seconds.Length);
        return new BurnRateSeries(availabilityTarget, window, Rolling(availabilityTarget, seconds, window));
    }

    internal static double?[] Rolling(double availabilityTarget, LoadInterval?[] seconds, int window)
    {
        ErrorBudgetEvaluation.CheckTarget(availabilityTarget);
        var intended = new long[seconds.Length + 1];
        var successful = new long[seconds.Length + 1];
        for (var s = 0; s < seconds.Length; s++)
        {
            intended[s + 1] = intended[s] + (seconds[s]?.Intended ?? 0);
            successful[s + 1] = successful[s] + (seconds[s]?.Successful ?? 0);
        }
        var burns = new double?[seconds.Length];
        for (var end = window; end <= seconds.Length; end++)
        {
            var requests = intended[end] - intended[end - window];
            burns[end - 1] = requests == 0
                ? null
                : ErrorBudgetEvaluation.BurnRate((double)(successful[end] - successful[end - window]) / requests, availabilityTarget);
        }
        return burns;
    }
}
