using System.Diagnostics;
using Chaos.Load;
using HdrHistogram;

namespace Chaos.Bench;

/// <summary>
/// Memory of a 10-minute run at 5,000 requests/s, extrapolated from a 10 s run (allocation per request) and from
/// building the 600 per-second intervals such a run keeps (retained size). The baseline is the heap before.
/// </summary>
public static class MemoryBench
{
    public const double Rate = 5_000;
    public const int TenMinutesOfSeconds = 600;
    private static readonly TimeSpan Measured = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        RetainedIntervals();
        AlternativeHistogramSizes();
        await AllocationPerRequestAsync(cancellationToken);
    }

    private static void RetainedIntervals()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var intervals = Enumerable.Range(0, TenMinutesOfSeconds).Select(i => new LoadInterval(i)).ToArray();
        var built = GC.GetTotalMemory(forceFullCollection: true);
        // One second at 5,000/s in each: HdrHistogram preallocates its counts, so filling them should not grow them.
        var random = new Random(7);
        foreach (var interval in intervals)
        {
            for (var i = 0; i < (int)Rate; i++)
            {
                interval.Record(Outcome.Ok, 200 + random.Next(200_000));
            }
        }
        var filled = GC.GetTotalMemory(forceFullCollection: true);
        var perInterval = (double)(built - before) / TenMinutesOfSeconds;
        Console.Error.WriteLine($"  600 intervals: {(built - before) / 1e6:F1} MB empty, {(filled - before) / 1e6:F1} MB filled ({perInterval / 1024:F1} KiB each)");
        Report.Row("memory", "retained: 600 LoadIntervals (10 min), MB", Report.Number((filled - before) / 1e6, "F1"),
            $"{perInterval / 1024:F1} KiB per interval, {(filled - built) / 1e3:F0} kB more once filled with 5,000 values each; baseline heap {before / 1e6:F1} MB");

        // LoadResult.Latency and LatencyEvaluation merge every interval into a fresh histogram on each access.
        var result = new LoadResult
        {
            TargetRatePerSecond = Rate,
            Intervals = intervals,
            AchievedRatePerSecond = Rate,
            SchedulingLagP99Micros = 0,
            MeasuredDuration = TimeSpan.FromSeconds(TenMinutesOfSeconds),
        };
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        var merged = result.Latency;
        var mergeTime = Stopwatch.GetElapsedTime(started);
        var mergeBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Report.Row("memory", "LoadResult.Latency merge of 600 intervals, kB allocated", Report.Number(mergeBytes / 1e3),
            $"{mergeTime.TotalMilliseconds:F0} ms per access; {merged.TotalCount:N0} values");
        GC.KeepAlive(intervals);
    }

    // Evidence for a smaller per-second histogram: the same 600 seconds with other counter widths and precisions.
    private static void AlternativeHistogramSizes()
    {
        (string Name, Func<HistogramBase> Create)[] candidates =
        [
            ("LongHistogram(10 min, 3 digits) = today", LatencyHistograms.Create),
            ("IntHistogram(10 min, 3 digits)", () => new IntHistogram(LatencyHistograms.HighestMicros, 3)),
            ("LongHistogram(10 min, 2 digits)", () => new LongHistogram(LatencyHistograms.HighestMicros, 2)),
            ("IntHistogram(60 s, 3 digits)", () => new IntHistogram(60_000_000, 3)),
        ];
        foreach (var (name, create) in candidates)
        {
            var (before, after) = RetainedBy(create);
            Report.Row("memory", $"600 x {name}, MB", Report.Number((after - before) / 1e6, "F1"),
                $"{(after - before) / (double)TenMinutesOfSeconds / 1024:F1} KiB each (85,000 B and up go to the large object heap)");
        }
    }

    // A method of its own, so no stack slot of the caller keeps the previous candidate's histograms alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (long Before, long After) RetainedBy(Func<HistogramBase> create)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var histograms = Enumerable.Range(0, TenMinutesOfSeconds).Select(_ => create()).ToArray();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(histograms);
        return (before, after);
    }

    private static async Task AllocationPerRequestAsync(CancellationToken cancellationToken)
    {
        await using var target = await TargetProcess.StartAsync(cancellationToken);
        // Warm-up run (JIT, connections), not reported.
        await LoadRunner.RunAsync(target.InferUri, new LoadPlan(Rate, TimeSpan.Zero, TimeSpan.FromSeconds(2), 256, TimeSpan.FromSeconds(2)), cancellationToken);

        // What RunAsync allocates up front whatever the rate: one histogram per measured second plus the lag histogram.
        var upfrontBefore = GC.GetAllocatedBytesForCurrentThread();
        var upfront = Enumerable.Range(0, (int)Measured.TotalSeconds).Select(i => new LoadInterval(i)).ToArray();
        var lagHistogram = LatencyHistograms.Create();
        var upfrontBytes = GC.GetAllocatedBytesForCurrentThread() - upfrontBefore;
        GC.KeepAlive(upfront);
        GC.KeepAlive(lagHistogram);

        var quiet = await MachineQuiet.WaitAsync("memory 5,000/s for 10 s", cancellationToken);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var plan = new LoadPlan(Rate, TimeSpan.Zero, Measured, 256, TimeSpan.FromSeconds(2));
        var run = await LoadRunner.RunAsync(target.InferUri, plan, cancellationToken);
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(run);

        var requests = run.Intended;
        var perRequest = (double)(run.AllocatedBytes - upfrontBytes) / requests;
        var tenMinutes = Rate * TenMinutesOfSeconds;
        Console.Error.WriteLine($"  10 s at 5,000/s: {run.AllocatedBytes / 1e6:F1} MB allocated for {requests:N0} requests, {upfrontBytes / 1e6:F2} MB of it up front; gen0 {run.Gen0Collections}, gen2 {run.Gen2Collections}");
        Report.Row("memory", "allocated bytes per request (client, all threads)", Report.Number(perRequest),
            $"{run.AllocatedBytes / 1e6:F1} MB over {requests:N0} requests minus {upfrontBytes / 1e6:F2} MB of up-front histograms; gen0 GCs {run.Gen0Collections}, gen2 {run.Gen2Collections}; {quiet}");
        Report.Row("memory", "retained after the 10 s run (LoadResult), MB", Report.Number((heapAfter - heapBefore) / 1e6, "F2"),
            $"heap after full GC, minus before ({heapBefore / 1e6:F1} MB)");
        Report.Row("memory", "EXTRAPOLATED 10 min @ 5,000/s: allocated in total, GB", Report.Number(perRequest * tenMinutes / 1e9, "F2"),
            $"{perRequest:N0} B x {tenMinutes:N0} requests; garbage, collected as it goes (about {perRequest * Rate / 1e6:F1} MB/s)");
        Report.Row("memory", "EXTRAPOLATED 10 min @ 5,000/s: retained result, MB", Report.Number((upfrontBytes / (Measured.TotalSeconds + 1)) * (TenMinutesOfSeconds + 1) / 1e6, "F0"),
            "601 histograms (600 intervals + scheduling lag), fixed size whatever the rate; allocated at RunAsync start");
    }
}
