namespace Chaos.Faults.RegionLoss;

/// <summary>
/// What region.loss saw of the model registries, for the RPO: the versions the lost region held when it went, and the
/// versions the surviving region held after it (ids <c>model:version</c>).
/// </summary>
public sealed class ReplicationLedger
{
    private readonly Lock _gate = new();
    private IReadOnlyList<string>? _primary;
    private IReadOnlyList<string>? _standby;

    /// <summary>True once both sides were read.</summary>
    public bool Used
    {
        get
        {
            lock (_gate)
            {
                return _primary is not null && _standby is not null;
            }
        }
    }

    public IReadOnlyList<string> Primary
    {
        get
        {
            lock (_gate)
            {
                return _primary ?? [];
            }
        }
    }

    public IReadOnlyList<string> Standby
    {
        get
        {
            lock (_gate)
            {
                return _standby ?? [];
            }
        }
    }

    /// <summary>The lost region's versions, read right before the loss.</summary>
    public void PrimaryHeld(IReadOnlyList<string> ids)
    {
        lock (_gate)
        {
            _primary = ids;
        }
    }

    /// <summary>The surviving region's versions, read after the loss.</summary>
    public void StandbyHeld(IReadOnlyList<string> ids)
    {
        lock (_gate)
        {
            _standby = ids;
        }
    }
}
