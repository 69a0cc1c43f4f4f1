namespace Chaos.Stack.Inference;

/// <summary>
/// The model a node serves, or why it serves none (the node then stays unready). A reload swaps the model atomically:
/// requests holding a lease finish on the old session, which is disposed only when the last of them is done.
/// </summary>
public sealed class ModelSlot : IDisposable
{
    private readonly Lock gate = new();
    private ServedModel? current;
    private string? failure;

    private ModelSlot(ScoringModel? model, string? failure)
    {
        current = model is null ? null : new ServedModel(model);
        this.failure = failure;
    }

    /// <summary>The loaded model now (for metadata; score through <see cref="Acquire"/>); null when none is loaded.</summary>
    public ScoringModel? Model => Volatile.Read(ref current)?.Model;

    /// <summary>Why no model is loaded; null when one is.</summary>
    public string? Failure => Volatile.Read(ref failure);

    /// <summary>A slot holding a verified model.</summary>
    public static ModelSlot Ready(ScoringModel model) => new(model, null);

    /// <summary>A slot with no model and the reason.</summary>
    public static ModelSlot NotReady(string failure) => new(null, failure);

    /// <summary>A slot from the outcome of a first load.</summary>
    public static ModelSlot From(ModelLoadResult result) => new(result.Model, result.Failure);

    /// <summary>A lease on the current model for one request; null when none is loaded. Dispose it when the request is done.</summary>
    public ModelLease? Acquire()
    {
        while (true)
        {
            var served = Volatile.Read(ref current);
            if (served is null)
            {
                return null;
            }

            if (served.TryAddLease())
            {
                return new ModelLease(served);
            }

            // Retired between the read and the lease: the slot already holds its successor, so read again.
        }
    }

    /// <summary>Serves <paramref name="model"/> from now on; returns the one replaced, which is disposed once its last lease ends.</summary>
    public ScoringModel? Swap(ScoringModel model)
    {
        ServedModel? old;
        lock (gate)
        {
            old = current;
            Volatile.Write(ref current, new ServedModel(model));
            Volatile.Write(ref failure, null);
        }

        old?.Release();
        return old?.Model;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ServedModel? old;
        lock (gate)
        {
            old = current;
            Volatile.Write(ref current, null);
        }

        old?.Release();
    }
}
