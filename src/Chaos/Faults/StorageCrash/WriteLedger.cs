namespace Chaos.Faults.StorageCrash;

/// <summary>
/// What a writer fault saw of the pipeline's store: the rows the store acknowledged, reads that returned a partial batch
/// (some rows of a batch but not all: an uncommitted or torn write), and the ids a reader could see at the end. The
/// <c>dataLoss</c> SLO is scored from it. Thread-safe; one per run.
/// </summary>
public sealed class WriteLedger
{
    private readonly object _gate = new();
    private readonly HashSet<string> _acknowledged = new(StringComparer.Ordinal);
    private IReadOnlyCollection<string>? _readable;
    private long _partialReads;
    private bool _used;

    /// <summary>True once a writer fault recorded anything (only then is there data loss to score).</summary>
    public bool Used
    {
        get
        {
            lock (_gate)
            {
                return _used;
            }
        }
    }

    /// <summary>Rows the store answered as durable.</summary>
    public IReadOnlyCollection<string> Acknowledged
    {
        get
        {
            lock (_gate)
            {
                return _acknowledged.ToList();
            }
        }
    }

    /// <summary>Ids readable after the fault (the last final read); null when the table could not be read after it.</summary>
    public IReadOnlyCollection<string>? Readable
    {
        get
        {
            lock (_gate)
            {
                return _readable;
            }
        }
    }

    /// <summary>Reads that returned at least one partial batch.</summary>
    public long PartialReads => Interlocked.Read(ref _partialReads);

    public void Acknowledge(IEnumerable<string> ids)
    {
        lock (_gate)
        {
            _used = true;
            _acknowledged.UnionWith(ids);
        }
    }

    public void PartialRead()
    {
        lock (_gate)
        {
            _used = true;
        }
        Interlocked.Increment(ref _partialReads);
    }

    public void ReadableAfter(IReadOnlyCollection<string> ids)
    {
        lock (_gate)
        {
            _used = true;
            _readable = ids;
        }
    }
}
