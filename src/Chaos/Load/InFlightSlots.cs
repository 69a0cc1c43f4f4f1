namespace Chaos.Load;

/// <summary>
/// The generator's bound on requests in flight, and the signal that the last one has ended. One writer takes slots
/// (the dispatch loop); any thread releases them.
/// </summary>
internal sealed class InFlightSlots
{
    private readonly int _capacity;
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    // The dispatch loop holds one reference until it closes, so "idle" cannot fire between two sends.
    private int _references = 1;

    public InFlightSlots(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Takes a slot, or returns false when <c>capacity</c> requests are in flight already (the request is dropped).</summary>
    public bool TryTake()
    {
        if (Volatile.Read(ref _inFlight) >= _capacity)
        {
            return false;
        }
        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _references);
        return true;
    }

    /// <summary>Gives back a slot taken by <see cref="TryTake"/>.</summary>
    public void Release()
    {
        Interlocked.Decrement(ref _inFlight);
        Unreference();
    }

    /// <summary>No more slots will be taken: <see cref="Idle"/> completes once every taken slot is released.</summary>
    public void Close() => Unreference();

    /// <summary>Completes after <see cref="Close"/>, when nothing is in flight.</summary>
    public Task Idle => _idle.Task;

    private void Unreference()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _idle.TrySetResult();
        }
    }
}
