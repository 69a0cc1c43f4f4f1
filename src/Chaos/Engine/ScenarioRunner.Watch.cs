using Chaos.Load;
using Chaos.Reporting;

namespace Chaos.Engine;

/// <summary>What watches the measured window while it runs: the progress lines and the guardrails.</summary>
public sealed partial class ScenarioRunner
{
    // Every 5 s of the measured window, one plain line (fit for a terminal and a CI log) with the last 5 seconds' numbers.
    private async Task ReportLoadProgressAsync(RunState run, LoadRecording recording, Task<long> measuredStart, CancellationToken cancellationToken)
    {
        // A live console (a game day) shows its own status; these lines would only repeat it.
        if (run.Progress is null || run.Live is not null)
        {
            return;
        }
        const int every = 5;
        try
        {
            var start = await measuredStart.WaitAsync(cancellationToken);
            for (var upTo = every; upTo <= recording.Intervals.Count; upTo += every)
            {
                var wait = TimeSpan.FromSeconds(upTo + 1) - _time.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken);
                }
                var last = Enumerable.Range(upTo - every, every).Select(recording.Snapshot).ToList();
                var total = last.Sum(i => i.Total);
                var ok = last.Sum(i => i.Successful);
                var p99 = last.Max(i => i.P99Micros) is { } micros ? $"{micros / 1000.0:0.#} ms" : "-";
                run.Progress.Report($"[{run.Clock.Now,7:F1}s]   window {upTo - every,3}-{upTo,3}s: {total / (double)every:0.#}/s, " +
                    $"successful {(total == 0 ? 0 : 100.0 * ok / total):0.##}%, worst p99 {p99}");
            }
        }
        catch (OperationCanceledException)
        {
        }
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
