using Chaos.Targets;

namespace Chaos.Faults.ResourcePressure;

/// <summary>
/// What the resource kinds share: start a bounded stress process in each target, observe the engine's container stats
/// rise past a baseline, and kill the processes on revert.
/// </summary>
public static class StressInjection
{
    private static readonly TimeSpan VerifyWithin = TimeSpan.FromSeconds(10);

    /// <summary>The longest a stress process runs when the fault has no duration (until the end of the load).</summary>
    public static readonly TimeSpan DefaultBound = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Starts <c>stress</c> with <paramref name="arguments"/> in each target; <paramref name="risen"/> gets the usage before
    /// and now for one target and says whether the pressure shows.
    /// </summary>
    public static async Task<FaultInjection> InjectAsync(FaultContext context, string kind, IReadOnlyList<string> arguments,
        Func<Usage, Usage, bool> risen, Func<Usage, Usage, string> describe, CancellationToken cancellationToken)
    {
        var targets = context.ResolveTargets();
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

        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        var verified = await context.ObserveAsync(async () =>
        {
            var all = true;
            foreach (var target in targets)
            {
                var now = await SampleAsync(context, target, cancellationToken);
                last[target.Alias] = describe(before[target.Id], now);
                all &= risen(before[target.Id], now);
            }
            return all;
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

    private static async Task<Usage> SampleAsync(FaultContext context, StackContainer target, CancellationToken cancellationToken)
    {
        var usage = await context.Engine.UsageAsync(target.Id, cancellationToken)
            ?? throw new FaultTargetException($"{target.Alias} is gone: no container stats to put pressure on");
        return new Usage(context.Time.GetTimestamp(), usage.CpuNanoseconds, usage.MemoryBytes);
    }

    /// <summary>One stats sample: when (a <see cref="TimeProvider"/> timestamp), CPU time used so far, memory in use.</summary>
    public sealed record Usage(long Timestamp, ulong CpuNanoseconds, ulong MemoryBytes);
}
