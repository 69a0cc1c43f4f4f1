namespace Chaos.Stack.Inference;

/// <summary>
/// The scoring slots of a node: at most <see cref="Slots"/> model runs at once, the rest wait in a queue. It measures the two
/// signals autoscaling reads: the queue depth (requests waiting for a slot) and the busy fraction of the slots over the last
/// <see cref="Window"/>. With no GPU that busy fraction is the measured CPU stand-in for accelerator utilisation: the share of
/// time the scoring slots spent running the model.
/// </summary>
public sealed class ScoringGate : IDisposable
{
    /// <summary>The span over which utilisation is averaged.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    private const int Buckets = 8;
    private readonly SemaphoreSlim slots;
    private readonly TimeProvider timeProvider;
    private readonly long origin;
    private readonly Lock gate = new();
    private readonly long[] bucketSecond = new long[Buckets];
    private readonly double[] bucketBusySeconds = new double[Buckets];
    private long waiting;
    private long busyTicks;
    private long running;

    public ScoringGate(int slotCount, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slotCount, 1);
        Slots = slotCount;
        slots = new SemaphoreSlim(slotCount, slotCount);
        this.timeProvider = timeProvider;
        origin = timeProvider.GetTimestamp();
        Array.Fill(bucketSecond, -1);
    }

    /// <summary>Model runs allowed at once.</summary>
    public int Slots { get; }

    /// <summary>Requests waiting for a slot now.</summary>
    public long QueueDepth => Interlocked.Read(ref waiting);

    /// <summary>Model runs in progress now.</summary>
    public long Running => Interlocked.Read(ref running);

    /// <summary>Total time the slots spent running the model, in seconds.</summary>
    public double BusySeconds => TimeSpan.FromTicks(Interlocked.Read(ref busyTicks)).TotalSeconds;

    /// <summary>Runs <paramref name="work"/> in a slot, waiting in the queue for one if all are taken.</summary>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref waiting);
        try
        {
            await slots.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }

        Interlocked.Increment(ref running);
        var started = timeProvider.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            Record(timeProvider.GetElapsedTime(started));
            Interlocked.Decrement(ref running);
            slots.Release();
        }
    }

    /// <summary>
    /// Busy fraction of the slots over the last <see cref="Window"/> of whole seconds, 0 to 1. Work is counted in the second it
    /// finished in: model runs here take milliseconds, far shorter than the window.
    /// </summary>
    public double Utilization()
    {
        var now = CurrentSecond();
        var seconds = (long)Window.TotalSeconds;
        double busy = 0;
        lock (gate)
        {
            for (var i = 0; i < Buckets; i++)
            {
                // Whole seconds before the current one: the current second is still filling.
                if (bucketSecond[i] >= now - seconds && bucketSecond[i] < now)
                {
                    busy += bucketBusySeconds[i];
                }
            }
        }

        return Math.Clamp(busy / (seconds * Slots), 0, 1);
    }

    /// <inheritdoc />
    public void Dispose() => slots.Dispose();

    private void Record(TimeSpan elapsed)
    {
        Interlocked.Add(ref busyTicks, elapsed.Ticks);
        var second = CurrentSecond();
        var index = (int)(second % Buckets);
        lock (gate)
        {
            if (bucketSecond[index] != second)
            {
                bucketSecond[index] = second;
                bucketBusySeconds[index] = 0;
            }

            bucketBusySeconds[index] += elapsed.TotalSeconds;
        }
    }

    private long CurrentSecond() => (long)timeProvider.GetElapsedTime(origin).TotalSeconds;
}
