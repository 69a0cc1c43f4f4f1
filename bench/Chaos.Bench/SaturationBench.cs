using Chaos.Load;

namespace Chaos.Bench;

/// <summary>
/// Throughput ceiling against the same target and connection count: wrk's closed loop (baseline) versus the
/// open-model generator driven at rising rates. The generator has no closed-loop mode, so its ceiling is the
/// highest completed rate it sustains with at most 0.1% of intended requests dropped.
/// </summary>
public static class SaturationBench
{
    public const int Connections = 64;
    public const double MaxDroppedShare = 0.001;
    private static readonly double[] Rates = [2_500, 5_000, 10_000, 15_000, 20_000, 30_000, 40_000, 60_000];
    /// <summary>Supplementary: the scenario default bound, to show what limits the generator at 64.</summary>
    private const int DefaultMaxInFlight = 256;
    private static readonly double[] DefaultBoundRates = [40_000, 60_000];
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var target = await TargetProcess.StartAsync(cancellationToken);
        // Warm the target's JIT so the first measurement does not pay for it.
        await WrkRunner.RequestsPerSecondAsync(target.InferUri, 2, Connections, TimeSpan.FromSeconds(3), cancellationToken);

        await MachineQuiet.WaitAsync("saturation wrk before", cancellationToken);
        var wrkBefore = await WrkRunner.RequestsPerSecondAsync(target.InferUri, 2, Connections, Window, cancellationToken);
        Console.Error.WriteLine($"  wrk -t2 -c{Connections} -d10s: {wrkBefore:N0} req/s");

        await ClosedLoopHttpClient.RequestsPerSecondAsync(target.InferUri, Connections, TimeSpan.FromSeconds(3), cancellationToken);
        var closedQuiet = await MachineQuiet.WaitAsync("saturation HttpClient closed loop", cancellationToken);
        var closedLoop = await ClosedLoopHttpClient.RequestsPerSecondAsync(target.InferUri, Connections, Window, cancellationToken);
        Console.Error.WriteLine($"  HttpClient closed loop, {Connections} workers: {closedLoop:N0} req/s");

        var sustained = 0.0;
        var sustainedRate = 0.0;
        LoadMeasurement? overDriven = null;
        LoadMeasurement? best = null;
        foreach (var rate in Rates)
        {
            var quiet = await MachineQuiet.WaitAsync($"saturation {rate:N0}/s", cancellationToken);
            var plan = new LoadPlan(rate, TimeSpan.FromSeconds(2), Window, Connections, TimeSpan.FromSeconds(5));
            var run = await LoadRunner.RunAsync(target.InferUri, plan, cancellationToken);
            Console.Error.WriteLine($"  ours at {rate,7:N0}/s: completed {run.CompletedPerSecond,8:N0}/s, latency p50 {run.Result.Latency.GetValueAtPercentile(50):N0} us, dropped {run.DroppedFraction,7:P2}, failed {run.Failed}, actual send rate {run.ActualSendRatePerSecond:N0}/s (LoadResult says {run.Result.AchievedRatePerSecond:N0}/s), lag p99 {run.LagP99Micros:N0} us");
            Report.Row("saturation", $"ours @ {rate:N0}/s target: completed/s", Report.Number(run.CompletedPerSecond),
                $"dropped {run.DroppedFraction:P2}, failed {run.Failed}, lag p99 {run.LagP99Micros:N0} us; {quiet}");
            if (run.DroppedFraction <= MaxDroppedShare && run.Failed == 0 && run.CompletedPerSecond > sustained)
            {
                sustained = run.CompletedPerSecond;
                sustainedRate = rate;
            }
            overDriven = run;
            best = best is null || run.CompletedPerSecond > best.CompletedPerSecond ? run : best;
        }

        foreach (var rate in DefaultBoundRates)
        {
            var quiet = await MachineQuiet.WaitAsync($"saturation {rate:N0}/s, max in flight {DefaultMaxInFlight}", cancellationToken);
            var plan = new LoadPlan(rate, TimeSpan.FromSeconds(2), Window, DefaultMaxInFlight, TimeSpan.FromSeconds(5));
            var run = await LoadRunner.RunAsync(target.InferUri, plan, cancellationToken);
            Console.Error.WriteLine($"  ours at {rate,7:N0}/s, {DefaultMaxInFlight} in flight: completed {run.CompletedPerSecond,8:N0}/s, latency p50 {run.Result.Latency.GetValueAtPercentile(50):N0} us, dropped {run.DroppedFraction,7:P2}, actual send rate {run.ActualSendRatePerSecond:N0}/s (LoadResult says {run.Result.AchievedRatePerSecond:N0}/s), lag p99 {run.LagP99Micros:N0} us");
            Report.Row("saturation", $"supplementary, maxInFlight {DefaultMaxInFlight} @ {rate:N0}/s: completed/s", Report.Number(run.CompletedPerSecond),
                $"dropped {run.DroppedFraction:P2}, lag p99 {run.LagP99Micros:N0} us; not comparable to wrk's 64 connections; {quiet}");
        }

        await MachineQuiet.WaitAsync("saturation wrk after", cancellationToken);
        var wrkAfter = await WrkRunner.RequestsPerSecondAsync(target.InferUri, 2, Connections, Window, cancellationToken);
        Console.Error.WriteLine($"  wrk again: {wrkAfter:N0} req/s");
        var wrk = (wrkBefore + wrkAfter) / 2;

        Report.Row("saturation", "wrk -t2 -c64 -d10s req/s (baseline)", Report.Number(wrk), $"mean of before {wrkBefore:N0} and after {wrkAfter:N0}");
        Report.Row("saturation", "ours: highest sustained completed/s (<=0.1% dropped)", Report.Number(sustained),
            $"at target {sustainedRate:N0}/s; ratio ours/wrk {sustained / wrk:F2} (goal >= 0.80)");
        Report.Row("saturation", "HttpClient closed loop, 64 workers, req/s (2nd baseline)", Report.Number(closedLoop),
            $"ratio HttpClient/wrk {closedLoop / wrk:F2}; ours sustained/HttpClient {sustained / closedLoop:F2}; {closedQuiet}");
        if (overDriven is not null && best is not null)
        {
            Report.Row("saturation", "ours: completed/s over-driven", Report.Number(overDriven.CompletedPerSecond),
                $"at target {overDriven.Plan.RatePerSecond:N0}/s, dropped {overDriven.DroppedFraction:P1}; ratio ours/wrk {overDriven.CompletedPerSecond / wrk:F2}");
            Report.Row("saturation", "ours: best completed/s at any rate", Report.Number(best.CompletedPerSecond),
                $"at target {best.Plan.RatePerSecond:N0}/s, dropped {best.DroppedFraction:P1}; ratio ours/wrk {best.CompletedPerSecond / wrk:F2}, ours/HttpClient {best.CompletedPerSecond / closedLoop:F2}");
        }
    }
}
