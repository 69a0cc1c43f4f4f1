using System.Diagnostics;
using System.Runtime.CompilerServices;
using Chaos.Load;

namespace Chaos.Bench;

/// <summary>
/// Cost of one <see cref="LoadInterval.Record(Outcome, long, long)"/> call, with a latency threshold as a run with a
/// latency SLO records, alone and inside <c>lock (interval)</c> as the generator calls it, against an empty loop over the
/// same latencies in the same run (the baseline).
/// </summary>
public static class RecordCostBench
{
    public const int Calls = 20_000_000;
    private const int Repeats = 5;
    private static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(100);

    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        var quiet = await MachineQuiet.WaitAsync("record-cost", cancellationToken);
        // Realistic spread: 0.2 ms to 200 ms, log-uniform, fixed seed; a power of two so the index is a mask.
        var random = new Random(20_240_601);
        var latencies = Enumerable.Range(0, 4096).Select(_ => (long)Math.Exp(Math.Log(200) + random.NextDouble() * Math.Log(1000))).ToArray();

        // Warm-up: let tiering reach the optimised code for all three loops.
        for (var i = 0; i < 3; i++)
        {
            EmptyLoop(latencies, Calls / 10);
            RecordLoop(new LoadInterval(0, Threshold), latencies, Calls / 10);
            LockedRecordLoop(new LoadInterval(0, Threshold), latencies, Calls / 10);
        }

        // Best of several repeats per loop, interleaved, so a noisy moment hurts one sample, not one variant.
        double empty = double.MaxValue, record = double.MaxValue, locked = double.MaxValue;
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            empty = Math.Min(empty, Time(() => EmptyLoop(latencies, Calls)));
            record = Math.Min(record, Time(() => RecordLoop(new LoadInterval(0, Threshold), latencies, Calls)));
            locked = Math.Min(locked, Time(() => LockedRecordLoop(new LoadInterval(0, Threshold), latencies, Calls)));
        }

        DueAtCost(empty);
        Console.Error.WriteLine($"  empty {empty:F2} ns, Record {record:F2} ns, lock+Record {locked:F2} ns per call");
        Report.Row("record-cost", "empty loop ns/call (baseline)", Report.Number(empty, "F2"), $"{Calls:N0} calls, best of {Repeats}; {quiet}");
        Report.Row("record-cost", "Record ns/call (single thread)", Report.Number(record, "F2"),
            $"minus baseline {record - empty:F2} ns; ratio {record / empty:F1}x");
        Report.Row("record-cost", "lock + Record ns/call (uncontended)", Report.Number(locked, "F2"),
            $"minus baseline {locked - empty:F2} ns; ratio {locked / empty:F1}x; lock adds {locked - record:F2} ns");
    }

    // The generator computes every request's intended time in its loop: cost and allocation of that call, as the
    // generator makes it (profile and warm-up count read once) and through the plan's convenience method.
    private static void DueAtCost(double emptyNanos)
    {
        var plan = new LoadPlan(5_000, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(600), 256, TimeSpan.FromSeconds(2));
        var profile = plan.Profile;
        var warmupRequests = plan.WarmupRequests;
        (string Name, Func<int, long> Loop)[] variants =
        [
            ("LoadPlan.DueAt(profile, ...) as the generator calls it", calls => StaticDueAtLoop(profile, warmupRequests, plan.Warmup, calls)),
            ("plan.DueAt(sequence)", calls => DueAtLoop(plan, calls)),
        ];
        foreach (var (name, loop) in variants)
        {
            const int dueCalls = Calls / 10;
            loop(dueCalls / 10);
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var nanos = double.MaxValue;
            for (var repeat = 0; repeat < Repeats; repeat++)
            {
                var started = Stopwatch.GetTimestamp();
                GC.KeepAlive(loop(dueCalls));
                nanos = Math.Min(nanos, Stopwatch.GetElapsedTime(started).TotalNanoseconds / dueCalls);
            }
            var bytes = (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / ((long)dueCalls * Repeats);
            Report.Row("record-cost", $"{name}: ns/call", Report.Number(nanos, "F2"),
                $"{bytes:F1} B allocated per call; minus empty-loop baseline {nanos - emptyNanos:F2} ns");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long StaticDueAtLoop(Chaos.Load.Profiles.ArrivalProfile profile, long warmupRequests, TimeSpan warmup, int calls)
    {
        var sum = 0L;
        for (var i = 0; i < calls; i++)
        {
            sum += LoadPlan.DueAt(profile, warmupRequests, warmup, i).Ticks;
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long DueAtLoop(LoadPlan plan, int calls)
    {
        var sum = 0L;
        for (var i = 0; i < calls; i++)
        {
            sum += plan.DueAt(i).Ticks;
        }
        return sum;
    }

    private static double Time(Func<long> loop)
    {
        var started = Stopwatch.GetTimestamp();
        var sink = loop();
        var elapsed = Stopwatch.GetElapsedTime(started);
        GC.KeepAlive(sink);
        return elapsed.TotalNanoseconds / Calls;
    }

    // Same shape as the loops below (index, mask, read, accumulate) without the call, so the JIT cannot drop it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long EmptyLoop(long[] latencies, int calls)
    {
        var sum = 0L;
        for (var i = 0; i < calls; i++)
        {
            sum += latencies[i & 4095];
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long RecordLoop(LoadInterval interval, long[] latencies, int calls)
    {
        var sum = 0L;
        for (var i = 0; i < calls; i++)
        {
            var latency = latencies[i & 4095];
            sum += latency;
            interval.Record(Outcome.Ok, latency, latency);
        }
        return sum + interval.Intended;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long LockedRecordLoop(LoadInterval interval, long[] latencies, int calls)
    {
        var sum = 0L;
        for (var i = 0; i < calls; i++)
        {
            var latency = latencies[i & 4095];
            sum += latency;
            lock (interval)
            {
                interval.Record(Outcome.Ok, latency, latency);
            }
        }
        return sum + interval.Intended;
    }
}
