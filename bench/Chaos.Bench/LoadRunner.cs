using System.Diagnostics;
using System.Net;
using Chaos.Load;
using HdrHistogram;

namespace Chaos.Bench;

/// <summary>Which transport the generator sends through.</summary>
public enum LoadClient
{
    /// <summary>An <see cref="HttpMessageInvoker"/> over <see cref="LoadHandler.Create"/>'s SocketsHttpHandler.</summary>
    DotNet,
    /// <summary><see cref="LoadTransport.EventLoop"/>: all I/O on the dispatch thread.</summary>
    EventLoop,
}

/// <summary>Runs <see cref="OpenModelLoadGenerator"/> against the target and measures it from outside.</summary>
public static class LoadRunner
{
    public static async Task<LoadMeasurement> RunAsync(Uri target, LoadPlan plan, CancellationToken cancellationToken, LoadClient client = LoadClient.DotNet) =>
        await RunAsync(target, plan, FixedRequestFactory.Body, cancellationToken, client);

    /// <summary>As above with another fixed body (a real model's input, for the stack's own roles).</summary>
    public static async Task<LoadMeasurement> RunAsync(Uri target, LoadPlan plan, byte[] body, CancellationToken cancellationToken, LoadClient client = LoadClient.DotNet)
    {
        // DotNet as ScenarioRunner sends load by default: the same handler, through an HttpMessageInvoker.
        using var transport = client == LoadClient.EventLoop
            ? LoadTransport.EventLoop(plan.MaxInFlight)
            : LoadTransport.Over(new HttpMessageInvoker(LoadHandler.Create(plan.MaxInFlight, plan.Timeout)), disposeInvoker: true);
        var sends = new SendTimeRecorder(new FixedRequestFactory(target, body), plan.TotalRequests);
        var clock = new StartCapturingTimeProvider();
        var generator = new OpenModelLoadGenerator(transport, sends, clock);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var result = await generator.RunAsync(plan, cancellationToken: cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        var lag = LatencyHistograms.Create();
        long firstSend = long.MaxValue, lastSend = long.MinValue, sentMeasured = 0, sentEarly = 0, earliestMicros = 0;
        var sentAt = sends.SentAt;
        for (var sequence = (int)plan.WarmupRequests; sequence < sentAt.Length; sequence++)
        {
            if (sentAt[sequence] == 0)
            {
                continue;
            }
            sentMeasured++;
            firstSend = Math.Min(firstSend, sentAt[sequence]);
            lastSend = Math.Max(lastSend, sentAt[sequence]);
            var intended = clock.FirstTimestamp + (long)(plan.DueAt(sequence).TotalSeconds * Stopwatch.Frequency);
            var lagMicros = (sentAt[sequence] - intended) * 1_000_000 / Stopwatch.Frequency;
            if (lagMicros < 0)
            {
                sentEarly++;
                earliestMicros = Math.Min(earliestMicros, lagMicros);
            }
            lag.RecordValue(Math.Clamp(lagMicros, 0, LatencyHistograms.HighestMicros));
        }
        var sendSpanSeconds = sentMeasured > 1 ? (double)(lastSend - firstSend) / Stopwatch.Frequency : 0;

        return new LoadMeasurement
        {
            Plan = plan,
            Result = result,
            CompletedPerSecond = result.Successful / plan.Duration.TotalSeconds,
            // n sends span n - 1 gaps of 1 / rate each.
            ActualSendRatePerSecond = sendSpanSeconds > 0 ? (sentMeasured - 1) / sendSpanSeconds : 0,
            LagP50Micros = lag.TotalCount == 0 ? 0 : lag.GetValueAtPercentile(50),
            LagP99Micros = lag.TotalCount == 0 ? 0 : lag.GetValueAtPercentile(99),
            LagMaxMicros = lag.TotalCount == 0 ? 0 : lag.GetMaxValue(),
            EarlyFraction = sentMeasured == 0 ? 0 : (double)sentEarly / sentMeasured,
            EarliestMicros = earliestMicros,
            Dropped = result.Count(Outcome.Dropped),
            Failed = result.Intended - result.Successful - result.Count(Outcome.Dropped),
            AllocatedBytes = allocated,
            Gen0Collections = GC.CollectionCount(0) - gen0,
            Gen2Collections = GC.CollectionCount(2) - gen2,
            Elapsed = elapsed,
            ClientCpu = cpu,
        };
    }
}
