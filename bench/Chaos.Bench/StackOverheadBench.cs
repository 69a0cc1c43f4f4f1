using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Chaos.Load;

namespace Chaos.Bench;

/// <summary>
/// What the stack's hops add to a prediction. Three paths, one call each in turn (the order rotates every round, so drift
/// and warm caches fall on all three alike), one call at a time: the model scored in process through the inference node's
/// own session factory (the baseline), the inference node over HTTP, and the gateway in front of that node.
/// </summary>
public static class StackOverheadBench
{
    private const int Warmup = 1_000;
    private const int Samples = 10_000;

    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var stack = await InProcessStack.StartAsync(cancellationToken);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        var quiet = await MachineQuiet.WaitAsync("stack-overhead", cancellationToken);
        Console.Error.WriteLine($"  [stack-overhead] {Warmup} warm-up rounds, then {Samples} measured rounds of 3 calls");
        var ticks = new[] { new long[Samples], new long[Samples], new long[Samples] };
        var failures = new int[3];
        for (var round = -Warmup; round < Samples; round++)
        {
            for (var k = 0; k < 3; k++)
            {
                var path = ((round % 3) + 3 + k) % 3;
                var start = Stopwatch.GetTimestamp();
                var ok = path switch
                {
                    0 => stack.Model.Score(stack.Features, rows: 1).Length == 1,
                    1 => await PostAsync(client, stack.NodeInfer, stack.Body, cancellationToken),
                    _ => await PostAsync(client, stack.GatewayInfer, stack.Body, cancellationToken),
                };
                var elapsed = Stopwatch.GetTimestamp() - start;
                if (round >= 0)
                {
                    ticks[path][round] = elapsed;
                    failures[path] += ok ? 0 : 1;
                }
            }
        }

        var (inProcess, node, gateway) = (Percentiles.Of(ticks[0]), Percentiles.Of(ticks[1]), Percentiles.Of(ticks[2]));
        var note = $"{Samples} calls each, one at a time; {quiet}";
        Report.Row("stack-overhead", "in-process ORT p50 / p99 (baseline)", $"{inProcess.P50:F3} / {inProcess.P99:F3} ms", $"provider {stack.Model.Provider}; {note}");
        Report.Row("stack-overhead", "inference node p50 / p99", $"{node.P50:F3} / {node.P99:F3} ms", $"{failures[1]} failed; {note}");
        Report.Row("stack-overhead", "node added p50 (goal <= 0.3 ms)", $"{node.P50 - inProcess.P50:F3} ms", $"ratio node/in-process p50 {node.P50 / inProcess.P50:F2}");
        Report.Row("stack-overhead", "gateway p50 / p99", $"{gateway.P50:F3} / {gateway.P99:F3} ms", $"{failures[2]} failed; {note}");
        Report.Row("stack-overhead", "gateway added p50 (goal <= 0.5 ms) / p99", $"{gateway.P50 - node.P50:F3} / {gateway.P99 - node.P99:F3} ms",
            $"ratio gateway/direct p50 {gateway.P50 / node.P50:F2}, p99 {gateway.P99 / node.P99:F2}");
    }

    /// <summary>
    /// One replica's highest sustainable rate: the open-model generator at a ladder of rates (1 s warm-up, 5 s measured),
    /// sustainable when at most 0.1% of the intended requests were dropped or failed. The baseline is the model itself:
    /// single-threaded in-process scoring throughput on the same machine in the same run.
    /// </summary>
    public static async Task ReplicaRateAsync(CancellationToken cancellationToken)
    {
        await using var stack = await InProcessStack.StartAsync(cancellationToken);
        var quiet = await MachineQuiet.WaitAsync("replica-rate", cancellationToken);

        // Baseline: 2 s of back-to-back in-process scoring on one thread.
        for (var i = 0; i < 1_000; i++)
        {
            stack.Model.Score(stack.Features, rows: 1);
        }
        var baselineStart = Stopwatch.GetTimestamp();
        long scored = 0;
        while (Stopwatch.GetElapsedTime(baselineStart) < TimeSpan.FromSeconds(2) && scored < 10_000_000)
        {
            stack.Model.Score(stack.Features, rows: 1);
            scored++;
        }
        var baselinePerSecond = scored / Stopwatch.GetElapsedTime(baselineStart).TotalSeconds;
        Report.Row("replica-rate", "in-process ORT, one thread (baseline)", $"{baselinePerSecond:F0}/s", quiet);

        double best = 0;
        var limited = false;
        int[] ladder = [1_000, 2_000, 4_000, 8_000, 12_000, 16_000, 24_000, 32_000];
        foreach (var rate in ladder)
        {
            var plan = new LoadPlan(rate, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), 256, TimeSpan.FromSeconds(2));
            var measured = await LoadRunner.RunAsync(stack.NodeInfer, plan, stack.Body, cancellationToken);
            var lost = (double)(measured.Dropped + measured.Failed) / Math.Max(1, measured.Intended);
            var p99 = measured.Result.Latency.TotalCount == 0 ? 0 : measured.Result.Latency.GetValueAtPercentile(99) / 1000.0;
            var sustained = lost <= 0.001;
            Report.Row("replica-rate", $"@ {rate}/s: completed/s", $"{measured.CompletedPerSecond:F0}",
                $"dropped {measured.Dropped}, failed {measured.Failed}, p99 {p99:F1} ms{(sustained ? "" : " (not sustained)")}");
            if (!sustained)
            {
                limited = true;
                break;
            }
            best = Math.Max(best, measured.CompletedPerSecond);
        }
        Report.Row("replica-rate", "highest sustained rate (<= 0.1% lost)", limited ? $"{best:F0}/s" : $">= {best:F0}/s (top of the ladder)",
            $"ratio to in-process one-thread scoring {best / baselinePerSecond:F2}; generator and node share this process and its cores");
    }

    private static async Task<bool> PostAsync(HttpClient client, Uri uri, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(uri, content, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private readonly record struct Percentiles(double P50, double P99)
    {
        public static Percentiles Of(long[] ticks)
        {
            var sorted = ticks.Order().ToArray();
            return new Percentiles(Millis(sorted[(int)(sorted.Length * 0.50)]), Millis(sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]));
        }

        private static double Millis(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
    }
}
