using Chaos.Targets;

namespace Chaos.Faults.ResourcePressure;

/// <summary>
/// What the resource kinds share: start a bounded stress process in each target, observe the engine's container stats
/// rise past a baseline, and kill the processes on revert.
/// </summary>
public static class StressInjection
{
    private static readonly TimeSpan VerifyWithin = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>The longest a stress process runs when the fault has no duration (until the end of the load).</summary>
    public static readonly TimeSpan DefaultBound = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Starts <c>stress</c> with <paramref name="arguments"/> in each target; <paramref name="risen"/> looks at one target's
    /// stats (before the injection, the baseline CPU use, the last one-second window) and says whether the pressure shows.
    /// </summary>
    public static async Task<FaultInjection> InjectAsync(FaultContext context, string kind, IReadOnlyList<string> arguments,
        Func<Pressure, bool> risen, Func<Pressure, string> describe, CancellationToken cancellationToken)
    {
        var targets = context.ResolveTargets();
        // The stack's own use over one second before the injection: the pressure must show above it.
        var first = new Dictionary<string, Usage>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            first[target.Id] = await SampleAsync(context, target, cancellationToken);
        }
        await Task.Delay(Window, context.Time, cancellationToken);
        var before = new Dictionary<string, Usage>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            before[target.Id] = await SampleAsync(context, target, cancellationToken);
        }
        // A bound past the fault's end: the revert kills it on time; the bound only stops one whose revert was lost.
        var bound = (context.Spec?.Duration ?? DefaultBound) + TimeSpan.FromSeconds(5);
        var processes = new List<StressProcess>();
        try
        {
            foreach (var target in targets)
            {
                processes.Add(await StressProcess.StartAsync(context.Engine, target, arguments, bound, cancellationToken));
            }
        }
        catch (Exception exception) when (exception is FaultTargetException or Docker.DotNet.DockerApiException)
        {
            // No half-injected fault without a revert: stop the processes already started.
            using var undo = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            foreach (var process in processes)
            {
                await process.StopAsync(context.Time, undo.Token);
            }
            throw;
        }

        // Measured in one-second windows, so a process slow to start on a busy machine is judged once it runs.
        var windowStart = new Dictionary<string, Usage>(before, StringComparer.Ordinal);
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        var verified = await context.ObserveAsync(async () =>
        {
            foreach (var target in targets.Where(t => !shown.Contains(t.Id)))
            {
                if (context.Time.GetElapsedTime(windowStart[target.Id].Timestamp) < Window)
                {
                    continue;
                }
                var now = await SampleAsync(context, target, cancellationToken);
                var pressure = new Pressure(before[target.Id], CoresUsed(first[target.Id], before[target.Id], context.Time), windowStart[target.Id], now, context.Time);
                var running = processes.Single(p => p.ContainerId == target.Id).IsRunning;
                last[target.Alias] = $"{describe(pressure)}, stress process {(running ? "running" : "NOT running")}";
                if (risen(pressure))
                {
                    shown.Add(target.Id);
                }
                windowStart[target.Id] = now;
            }
            return shown.Count == targets.Count;
        }, VerifyWithin, cancellationToken);
        var seen = string.Join("; ", last.Select(l => $"{l.Key}: {l.Value}"));
        return new FaultInjection(kind, targets.Select(t => t.Alias).ToList(), verified,
            verified ? $"container stats show the pressure ({seen})" : $"container stats showed no pressure within {VerifyWithin.TotalSeconds:0} s ({seen})",
            async token =>
            {
                var stopped = true;
                foreach (var process in processes)
                {
                    stopped &= await process.StopAsync(context.Time, token);
                }
                return stopped;
            });
    }

    /// <summary>Average cores used between two samples.</summary>
    public static double CoresUsed(Usage from, Usage to, TimeProvider time)
    {
        var seconds = time.GetElapsedTime(from.Timestamp, to.Timestamp).TotalSeconds;
        return seconds <= 0.2 || to.CpuNanoseconds < from.CpuNanoseconds ? 0 : (to.CpuNanoseconds - from.CpuNanoseconds) / 1e9 / seconds;
    }

    private static async Task<Usage> SampleAsync(FaultContext context, StackContainer target, CancellationToken cancellationToken)
    {
        var usage = await context.Engine.UsageAsync(target.Id, cancellationToken)
            ?? throw new FaultTargetException($"{target.Alias} is gone: no container stats to put pressure on");
        return new Usage(context.Time.GetTimestamp(), usage.CpuNanoseconds, usage.MemoryBytes);
    }

    /// <summary>One stats sample: when (a <see cref="TimeProvider"/> timestamp), CPU time used so far, memory in use.</summary>
    public sealed record Usage(long Timestamp, ulong CpuNanoseconds, ulong MemoryBytes);

    /// <summary>What a resource kind judges: the sample before the injection, the CPU use then, and the last window.</summary>
    public sealed record Pressure(Usage Before, double BaselineCores, Usage WindowStart, Usage Now, TimeProvider Time)
    {
        /// <summary>Cores used in the last window above the baseline.</summary>
        public double AddedCores => StressInjection.CoresUsed(WindowStart, Now, Time) - BaselineCores;

        /// <summary>Memory in use now above the use before the injection, in MB.</summary>
        public double AddedMegabytes => ((double)Now.MemoryBytes - Before.MemoryBytes) / (1024 * 1024);
    }
}
