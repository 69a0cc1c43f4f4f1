using Chaos.Load;
using Chaos.Reporting;

namespace Chaos.Engine;

/// <summary>What watches the measured window while it runs: the progress lines and the guardrails.</summary>
public sealed partial class ScenarioRunner
{
    // Every 5 s of the measured window, one plain line (fit for a terminal and a CI log) with the last 5 seconds' numbers;
    // on a terminal (run.Status) also a status line each second, redrawn in place.
    private async Task ReportLoadProgressAsync(RunState run, LoadRecording recording, Task<long> measuredStart, CancellationToken cancellationToken)
    {
        // A live console (a game day) shows its own status; these lines would only repeat it.
        if (run.Progress is null || run.Live is not null)
        {
            return;
        }
        const int every = 5;
        var step = run.Status is null ? every : 1;
        try
        {
            var start = await measuredStart.WaitAsync(cancellationToken);
            for (var upTo = step; upTo <= recording.Intervals.Count; upTo += step)
            {
                var wait = TimeSpan.FromSeconds(upTo + 1) - _time.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken);
                }
                if (run.Status is { } status)
                {
                    status.Report(StatusLine(run, recording, upTo));
                }
                if (upTo % every != 0)
                {
                    continue;
                }
                var (rate, successful, p99) = Window(recording, upTo - every, upTo);
                run.Progress.Report($"[{run.Clock.Now,7:F1}s]   window {upTo - every,3}-{upTo,3}s: {rate:0.#}/s, successful {successful:0.##}%, worst p99 {p99}");
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            run.Status?.Report("");
        }
    }

    // The rate, successful share and worst p99 of the seconds [from, to) of the measured window.
    private static (double Rate, double SuccessfulPercent, string P99) Window(LoadRecording recording, int from, int to)
    {
        var seconds = Enumerable.Range(from, to - from).Select(recording.Snapshot).ToList();
        var total = seconds.Sum(i => i.Total);
        var ok = seconds.Sum(i => i.Successful);
        var p99 = seconds.Max(i => i.P99Micros) is { } micros ? $"{micros / 1000.0:0.#} ms" : "-";
        return (total / (double)(to - from), total == 0 ? 0 : 100.0 * ok / total, p99);
    }

    // "[  23.0s] measured 18/30 s | 100/s, successful 99.8%, p99 12.3 ms | faults: container.kill": the last second's numbers
    // and where the run stands on its fault timeline (the plan, not the faults' state, which the journal lines report).
    internal static string StatusLine(RunState run, LoadRecording recording, int upTo)
    {
        var (rate, successful, p99) = Window(recording, upTo - 1, upTo);
        var passed = run.Scenario.Faults.Where(f => f.At.TotalSeconds <= upTo).Select(f => f.Kind + (f.Duration is { } d && (f.At + d).TotalSeconds <= upTo ? " (over)" : "")).ToList();
        var next = run.Scenario.Faults.Where(f => f.At.TotalSeconds > upTo).OrderBy(f => f.At).FirstOrDefault();
        var timeline = (passed.Count, next) switch
        {
            (0, null) => "no faults",
            (_, null) => "faults: " + string.Join(", ", passed),
            (0, _) => $"next fault {next.Kind} at {next.At.TotalSeconds:0.#} s",
            _ => $"faults: {string.Join(", ", passed)}; next {next.Kind} at {next.At.TotalSeconds:0.#} s",
        };
        return $"[{run.Clock.Now,7:F1}s] measured {upTo}/{recording.Intervals.Count} s | {rate:0.#}/s, successful {successful:0.##}%, p99 {p99} | {timeline}";
    }

    // A guardrail looks at settled seconds only (every request answered or timed out), once a second, and on a trip
    // stops the load and the fault timeline; the faults are then reverted like at the end of any run.
    private async Task WatchGuardrailsAsync(RunState run, LoadRecording recording, Task<long> measuredStart, CancellationTokenSource stopLoad,
        CancellationTokenSource stopFaults, CancellationToken cancellationToken)
    {
        if (run.Scenario.Guardrails.Count == 0)
        {
            return;
        }
        long start;
        try
        {
            start = await measuredStart.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var settle = run.Scenario.Load.Timeout + TimeSpan.FromMilliseconds(500);
        var seconds = recording.Intervals.Count;
        for (var tick = 1; tick <= seconds + 60 && !cancellationToken.IsCancellationRequested; tick++)
        {
            try
            {
                var wait = TimeSpan.FromSeconds(tick) - _time.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var settled = (int)Math.Clamp(Math.Floor((_time.GetElapsedTime(start) - settle).TotalSeconds), 0, seconds);
            var snapshots = Enumerable.Range(0, settled).Select(recording.Snapshot).ToList();
            foreach (var guardrail in run.Scenario.Guardrails)
            {
                if (GuardrailEvaluator.Check(guardrail, snapshots) is { } trip)
                {
                    run.Trip = trip;
                    run.Record("guardrail.tripped", $"GUARDRAIL tripped: {trip.Describe()}; aborting the load and reverting the faults",
                        ("metric", trip.Metric), ("limit", trip.Limit), ("fromSecond", trip.FromSecond), ("toSecond", trip.ToSecond), ("value", trip.LastValue));
                    await stopLoad.CancelAsync();
                    await stopFaults.CancelAsync();
                    return;
                }
            }
        }
    }
}
