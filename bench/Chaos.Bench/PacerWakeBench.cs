using System.Diagnostics;
using Chaos.Load;
using HdrHistogram;

namespace Chaos.Bench;

/// <summary>
/// How late the dispatch pacer wakes at 100 requests/s (a due time every 10 ms), idle and while the thread pool is kept
/// busy with CPU work, as during a scenario run (HTTP continuations, scrapes, journal writes). The same
/// <see cref="DispatchPacer"/> runs both ways in one process, in alternating blocks: on the system clock it waits in the
/// kernel; on any other clock (the baseline here, identical otherwise) its coarse wait goes through a timer, whose
/// callback the thread pool has to run.
/// </summary>
public static class PacerWakeBench
{
    private const int Blocks = 10;
    private const int WaitsPerBlock = 100;
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(10);

    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        var quiet = await MachineQuiet.WaitAsync("pacer-wake", cancellationToken);
        foreach (var busy in new[] { false, true })
        {
            var condition = busy ? $"busy pool ({Environment.ProcessorCount * 2} spinning work items)" : "idle";
            using var stopWork = new CancellationTokenSource();
            if (busy)
            {
                KeepPoolBusy(stopWork.Token);
            }
            var kernel = LatencyHistograms.Create();
            var timer = LatencyHistograms.Create();
            var thread = new Thread(() =>
            {
                for (var block = 0; block < Blocks && !cancellationToken.IsCancellationRequested; block++)
                {
                    Measure(TimeProvider.System, kernel, cancellationToken);
                    Measure(new ThroughTimers(), timer, cancellationToken);
                }
            });
            thread.Start();
            thread.Join();
            await stopWork.CancelAsync();

            var kernelP99 = kernel.GetValueAtPercentile(99) / 1000.0;
            var timerP99 = timer.GetValueAtPercentile(99) / 1000.0;
            Console.Error.WriteLine($"  {condition}: wake lag p99 {kernelP99:F2} ms waiting in the kernel, {timerP99:F2} ms through a timer");
            var samples = $"{kernel.TotalCount} waits each, alternating blocks of {WaitsPerBlock}; {quiet}";
            Report.Row("pacer-wake", $"{condition}: lag p50 / p99 / max ms, timer wait (baseline)",
                $"{Millis(timer, 50)} / {Millis(timer, 99)} / {timer.GetMaxValue() / 1000.0:F2}", samples);
            Report.Row("pacer-wake", $"{condition}: lag p50 / p99 / max ms, kernel wait",
                $"{Millis(kernel, 50)} / {Millis(kernel, 99)} / {kernel.GetMaxValue() / 1000.0:F2}",
                $"p99 ratio timer/kernel {timerP99 / Math.Max(kernelP99, 0.001):F1}x");
        }
    }

    // Due times every 10 ms from a fresh start; the lag is how long after its due time each wait returned.
    private static void Measure(TimeProvider time, LongHistogram lags, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var pacer = new DispatchPacer(time, start);
        for (var i = 1; i <= WaitsPerBlock && !cancellationToken.IsCancellationRequested; i++)
        {
            var due = Period * i;
            pacer.WaitUntil(due, cancellationToken);
            var lag = Stopwatch.GetElapsedTime(start) - due;
            lags.RecordValue(Math.Clamp((long)lag.TotalMicroseconds, 0, LatencyHistograms.HighestMicros));
        }
    }

    private static string Millis(LongHistogram histogram, double percentile) =>
        Report.Number(histogram.GetValueAtPercentile(percentile) / 1000.0, "F2");

    // Twice as many work items as cores, each spinning 5 ms and queueing itself again: the pool always has work waiting.
    private static void KeepPoolBusy(CancellationToken stop)
    {
        for (var i = 0; i < Environment.ProcessorCount * 2; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(Spin, stop, preferLocal: false);
        }

        static void Spin(CancellationToken stop)
        {
            var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 200;
            while (Stopwatch.GetTimestamp() < until)
            {
            }
            if (!stop.IsCancellationRequested)
            {
                ThreadPool.UnsafeQueueUserWorkItem(Spin, stop, preferLocal: false);
            }
        }
    }

    // The system clock under another name: the pacer takes its timer path.
    private sealed class ThroughTimers : TimeProvider;
}
