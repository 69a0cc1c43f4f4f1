namespace Chaos.Stack.Inference;

/// <summary>A model with a count of its users: the slot holds one lease, each request one more; the last release disposes it.</summary>
internal sealed class ServedModel(ScoringModel model)
{
    private int leases = 1;

    public ScoringModel Model => model;

    /// <summary>True once every lease is released and the session disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref leases) == 0;

    /// <summary>Takes a lease unless the model is already retired and disposed.</summary>
    public bool TryAddLease()
    {
        var seen = Volatile.Read(ref leases);
        while (seen > 0)
        {
            var prior = Interlocked.CompareExchange(ref leases, seen + 1, seen);
            if (prior == seen)
            {
                return true;
            }

            seen = prior;
        }

        return false;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref leases) == 0)
        {
            model.Dispose();
        }
    }
}
