namespace Chaos.Stack.Stress;

/// <summary>Keeps cores busy and memory resident until a deadline: pressure a container feels like a noisy neighbour.</summary>
public sealed class StressRunner(TimeProvider time)
{
    private const int PageBytes = 4096;
    private const int BlockBytes = 1024 * 1024;

    /// <summary>Megabytes allocated and touched so far (for tests).</summary>
    public int MegabytesHeld { get; private set; }

    /// <summary>Burns until <see cref="StressOptions.Duration"/> passes or the token fires.</summary>
    public async Task RunAsync(StressOptions options, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.Duration);
        var held = Allocate(options.MemoryMegabytes);
        var burners = Enumerable.Range(0, options.Cores)
            .Select(_ => Task.Factory.StartNew(() => Burn(stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToList();
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(burners.Select(b => b.ContinueWith(_ => { }, TaskScheduler.Default)));
        GC.KeepAlive(held);
    }

    // Every page written, so the memory is resident, not just reserved.
    private List<byte[]> Allocate(int megabytes)
    {
        var blocks = new List<byte[]>(megabytes);
        for (var i = 0; i < megabytes; i++)
        {
            var block = GC.AllocateUninitializedArray<byte>(BlockBytes);
            for (var offset = 0; offset < BlockBytes; offset += PageBytes)
            {
                block[offset] = 1;
            }

            blocks.Add(block);
            MegabytesHeld = i + 1;
        }

        return blocks;
    }

    private static void Burn(CancellationToken cancellationToken)
    {
        var x = 1UL;
        while (!cancellationToken.IsCancellationRequested)
        {
            for (var i = 0; i < 100_000; i++)
            {
                x = (x * 6364136223846793005UL) + 1442695040888963407UL;
            }
        }

        GC.KeepAlive(x);
    }
}
