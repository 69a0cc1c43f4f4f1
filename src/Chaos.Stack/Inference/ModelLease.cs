namespace Chaos.Stack.Inference;

/// <summary>The use of a served model by one request: the session stays alive until every lease on it is disposed.</summary>
public sealed class ModelLease : IDisposable
{
    private readonly ServedModel served;
    private int released;

    internal ModelLease(ServedModel served) => this.served = served;

    /// <summary>The model this request scores with, even if a reload replaced it meanwhile.</summary>
    public ScoringModel Model => served.Model;

    /// <summary>True once the model's session is disposed (all leases and the slot's own released).</summary>
    internal bool IsModelDisposed => served.IsDisposed;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            served.Release();
        }
    }
}
