using Chaos.Load;

namespace Chaos.Bench;

/// <summary>
/// Throughput ceiling against the same target and connection count: wrk's closed loop (baseline) versus the
/// open-model generator driven at rising rates, over each of its transports in turn. The generator has no closed-loop
/// mode: its saturation throughput is the most it completes at any rate, and its sustained rate the highest completed
/// rate with at most 0.1% of intended requests dropped.
/// </summary>
public static class SaturationBench
{
    private static string Name(LoadClient client) => client == LoadClient.EventLoop ? "event loop" : "SocketsHttpHandler";

    /// <summary>One transport's runs up the ladder.</summary>
    private sealed class Ladder
    {
        public LoadMeasurement? Sustained { get; private set; }
        public LoadMeasurement? Best { get; private set; }

        public void Add(LoadMeasurement run)
        {
            if (run.DroppedFraction <= MaxDroppedShare && run.Failed == 0 && run.CompletedPerSecond > (Sustained?.CompletedPerSecond ?? 0))
            {
                Sustained = run;
            }
            Best = Best is null || run.CompletedPerSecond > Best.CompletedPerSecond ? run : Best;
        }
    }

    public const int Connections = 64;
    public const double MaxDroppedShare = 0.001;
    private static readonly double[] Rates = [2_500, 5_000, 10_000, 15_000, 20_000, 30_000, 40_000, 50_000, 60_000];
    /// <summary>Supplementary: the scenario default bound, to show what limits the generator at 64.</summary>
    private const int DefaultMaxInFlight = 256;
    private static readonly double[] DefaultBoundRates = [40_000, 60_000];
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>One rate, 64 in flight, twice, with the client's CPU per request (`point RATE [event-loop|dotnet]`; for profiling).</summary>
    public static async Task PointAsync(double rate, LoadClient client, CancellationToken cancellationToken)
    {
        await using var target = await TargetProcess.StartAsync(cancellationToken);
        await WrkRunner.RequestsPerSecondAsync(target.InferUri, 2, Connections, TimeSpan.FromSeconds(3), cancellationToken);
        for (var round = 0; round < 2; round++)
        {
            var run = await LoadRunner.RunAsync(target.InferUri, new LoadPlan(rate, TimeSpan.FromSeconds(2), Window, Connections, TimeSpan.FromSeconds(5)), cancellationToken, client);
            Console.Error.WriteLine($"  ours ({Name(client)}) at {rate:N0}/s: completed {run.CompletedPerSecond:N0}/s, dropped {run.DroppedFraction:P2}, failed {run.Failed}, latency p50 {run.Result.Latency.GetValueAtPercentile(50):N0} us, lag p99 {run.LagP99Micros:N0} us, client CPU {run.ClientCpuMicrosPerSent:F1} us per request sent, {run.Gen0Collections} gen0");
        }
    }

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

        await ClosedLoopRaw.RequestsPerSecondAsync(target.InferUri, Connections, TimeSpan.FromSeconds(3), cancellationToken);
        var rawQuiet = await MachineQuiet.WaitAsync("saturation raw-socket closed loop", cancellationToken);
        var rawLoop = await ClosedLoopRaw.RequestsPerSecondAsync(target.InferUri, Connections, Window, cancellationToken);
        Console.Error.WriteLine($"  raw-socket closed loop, {Connections} connections: {rawLoop:N0} req/s");

        // The ladder once per transport, alternating at each rate so that both meet the same machine.
        var ladders = new Dictionary<LoadClient, Ladder> { [LoadClient.EventLoop] = new(), [LoadClient.DotNet] = new() };
        foreach (var rate in Rates)
        {
            foreach (var (client, ladder) in ladders)
            {
                var quiet = await MachineQuiet.WaitAsync($"saturation {rate:N0}/s, {Name(client)}", cancellationToken);
                var plan = new LoadPlan(rate, TimeSpan.FromSeconds(2), Window, Connections, TimeSpan.FromSeconds(5));
                var run = await LoadRunner.RunAsync(target.InferUri, plan, cancellationToken, client);
                Console.Error.WriteLine($"  ours ({Name(client)}) at {rate,7:N0}/s: completed {run.CompletedPerSecond,8:N0}/s, latency p50 {run.Result.Latency.GetValueAtPercentile(50):N0} us, dropped {run.DroppedFraction,7:P2}, failed {run.Failed}, actual send rate {run.ActualSendRatePerSecond:N0}/s, lag p99 {run.LagP99Micros:N0} us, client CPU {run.ClientCpuMicrosPerSent:F1} us/request");
                Report.Row("saturation", $"ours ({Name(client)}) @ {rate:N0}/s target: completed/s", Report.Number(run.CompletedPerSecond),
                    $"dropped {run.DroppedFraction:P2}, failed {run.Failed}, latency p50 {run.Result.Latency.GetValueAtPercentile(50):N0} us, lag p99 {run.LagP99Micros:N0} us, client CPU {run.ClientCpuMicrosPerSent:F1} us/request; {quiet}");
                ladder.Add(run);
            }
        }

        foreach (var rate in DefaultBoundRates)
        {
            var quiet = await MachineQuiet.WaitAsync($"saturation {rate:N0}/s, max in flight {DefaultMaxInFlight}", cancellationToken);
            var plan = new LoadPlan(rate, TimeSpan.FromSeconds(2), Window, DefaultMaxInFlight, TimeSpan.FromSeconds(5));
            var run = await LoadRunner.RunAsync(target.InferUri, plan, cancellationToken, LoadClient.EventLoop);
            Console.Error.WriteLine($"  ours (event loop) at {rate,7:N0}/s, {DefaultMaxInFlight} in flight: completed {run.CompletedPerSecond,8:N0}/s, latency p50 {run.Result.Latency.GetValueAtPercentile(50):N0} us, dropped {run.DroppedFraction,7:P2}, actual send rate {run.ActualSendRatePerSecond:N0}/s (LoadResult says {run.Result.AchievedRatePerSecond:N0}/s), lag p99 {run.LagP99Micros:N0} us");
            Report.Row("saturation", $"supplementary, event loop, maxInFlight {DefaultMaxInFlight} @ {rate:N0}/s: completed/s", Report.Number(run.CompletedPerSecond),
                $"dropped {run.DroppedFraction:P2}, lag p99 {run.LagP99Micros:N0} us; not comparable to wrk's 64 connections; {quiet}");
        }

        await MachineQuiet.WaitAsync("saturation wrk after", cancellationToken);
        var wrkAfter = await WrkRunner.RequestsPerSecondAsync(target.InferUri, 2, Connections, Window, cancellationToken);
        Console.Error.WriteLine($"  wrk again: {wrkAfter:N0} req/s");
        var wrk = (wrkBefore + wrkAfter) / 2;

        Report.Row("saturation", "wrk -t2 -c64 -d10s req/s (baseline)", Report.Number(wrk), $"mean of before {wrkBefore:N0} and after {wrkAfter:N0}");
        Report.Row("saturation", "HttpClient closed loop, 64 workers, req/s (2nd baseline)", Report.Number(closedLoop),
            $"ratio HttpClient/wrk {closedLoop / wrk:F2}; {closedQuiet}");
        Report.Row("saturation", "raw-socket closed loop, 64 connections, req/s (3rd baseline)", Report.Number(rawLoop),
            $"ratio raw/wrk {rawLoop / wrk:F2}; {rawQuiet}");
        foreach (var (client, ladder) in ladders)
        {
            var name = Name(client);
            Report.Row("saturation", $"ours ({name}): highest sustained completed/s (<=0.1% dropped)", Report.Number(ladder.Sustained?.CompletedPerSecond ?? 0),
                $"at target {ladder.Sustained?.Plan.RatePerSecond ?? 0:N0}/s; ratio ours/wrk {(ladder.Sustained?.CompletedPerSecond ?? 0) / wrk:F2}");
            if (ladder.Best is { } best)
            {
                Report.Row("saturation", $"ours ({name}): best completed/s at any rate (saturation throughput)", Report.Number(best.CompletedPerSecond),
                    $"at target {best.Plan.RatePerSecond:N0}/s, dropped {best.DroppedFraction:P1}; ratio ours/wrk {best.CompletedPerSecond / wrk:F2} (goal >= 0.80), ours/HttpClient {best.CompletedPerSecond / closedLoop:F2}");
            }
        }
    }
}
