using Chaos.Load;

namespace Chaos.Bench;

/// <summary>
/// How closely the generator keeps a constant rate: achieved versus target rate, and how late each request
/// leaves against its intended send time. The baseline is the plan itself (target rate, lag 0).
/// </summary>
public static class RateAccuracyBench
{
    /// <summary>The scenario default (LoadSpec.MaxInFlight), so a slow target, not the bound, limits sends.</summary>
    public const int MaxInFlight = 256;
    private static readonly double[] Rates = [1_000, 5_000, 20_000];

    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var target = await TargetProcess.StartAsync(cancellationToken);
        // Warm the target and the client's JIT with a short run that is not reported.
        await LoadRunner.RunAsync(target.InferUri, new LoadPlan(2_000, TimeSpan.Zero, TimeSpan.FromSeconds(2), MaxInFlight, TimeSpan.FromSeconds(2)), cancellationToken);

        foreach (var rate in Rates)
        {
            var quiet = await MachineQuiet.WaitAsync($"rate-accuracy {rate:N0}/s", cancellationToken);
            var plan = new LoadPlan(rate, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), MaxInFlight, TimeSpan.FromSeconds(2));
            var run = await LoadRunner.RunAsync(target.InferUri, plan, cancellationToken);
            var actualError = run.ActualSendRatePerSecond / rate - 1;
            Console.Error.WriteLine($"  {rate,7:N0}/s: reported {run.Result.AchievedRatePerSecond:N1}/s, actual {run.ActualSendRatePerSecond:N1}/s ({actualError * 100:F3}%), " +
                $"lag p50/p99/max {run.LagP50Micros}/{run.LagP99Micros}/{run.LagMaxMicros} us (generator p99 {run.Result.SchedulingLagP99Micros}), early {run.EarlyFraction:P1} (up to {-run.EarliestMicros} us), dropped {run.Dropped}, failed {run.Failed}");
            var label = $"{rate:N0}/s";
            Report.Row("rate-accuracy", $"{label}: achieved rate (actual send times)", Report.Number(run.ActualSendRatePerSecond, "N1"),
                $"ratio to target {run.ActualSendRatePerSecond / rate:F4} ({(Math.Abs(actualError) <= 0.01 ? "within" : "OUTSIDE")} 1%); LoadResult.AchievedRatePerSecond {run.Result.AchievedRatePerSecond:N1}; {quiet}");
            Report.Row("rate-accuracy", $"{label}: send lag p50/p99/max us", $"{run.LagP50Micros}/{run.LagP99Micros}/{run.LagMaxMicros}",
                $"LoadResult.SchedulingLagP99Micros {run.Result.SchedulingLagP99Micros}; {run.EarlyFraction:P1} sent early, by up to {-run.EarliestMicros} us");
            Report.Row("rate-accuracy", $"{label}: dropped / failed", $"{run.Dropped} / {run.Failed}", $"of {run.Intended:N0} intended");
        }
    }
}
