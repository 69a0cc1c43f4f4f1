using Chaos.Load;
using Chaos.Targets;

namespace Chaos.Engine;

/// <summary>The live console of a game day, beside the load: faults by hand instead of from a timeline.</summary>
public sealed partial class ScenarioRunner
{
    // Runs the console once the measured window opens; when the console returns (quit), the load stops early and the run
    // finishes as any other: faults reverted, SLOs scored, stack removed, reports written.
    private async Task RunLiveAsync(RunState run, DockerEngine engine, LoadRecording recording, Task<long> measuredStart, CancellationTokenSource stopLoad,
        CancellationToken cancellationToken)
    {
        if (run.Live is null)
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
        run.MeasuredStartSeconds = run.Clock.At(start);
        var random = new Random(run.Seed);
        var live = new LiveRun(run, recording, start, _time, (fault, token) => InjectAsync(run, engine, fault, random, token), RevertAsync);
        try
        {
            await run.Live(live, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The load ended (its maximum duration): the console stops with it.
        }
        await stopLoad.CancelAsync();
    }
}
