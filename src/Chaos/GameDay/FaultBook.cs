using Chaos.Engine;

namespace Chaos.GameDay;

/// <summary>The faults of a game day by id (f1, f2, ...), in the order they were injected.</summary>
internal sealed class FaultBook
{
    private readonly List<(string Id, FaultRecord Record, double InjectedAt)> _faults = [];
    private readonly Lock _gate = new();

    public string Add(FaultRecord record, double injectedAt)
    {
        lock (_gate)
        {
            var id = $"f{_faults.Count + 1}";
            _faults.Add((id, record, injectedAt));
            return id;
        }
    }

    /// <summary>The record of <paramref name="id"/>; <c>last</c> is the most recent fault still active.</summary>
    public FaultRecord? Find(string id)
    {
        lock (_gate)
        {
            return id == "last"
                ? _faults.LastOrDefault(f => !f.Record.Reverted).Record
                : _faults.FirstOrDefault(f => f.Id == id).Record;
        }
    }

    public string? IdOf(FaultRecord record)
    {
        lock (_gate)
        {
            return _faults.FirstOrDefault(f => ReferenceEquals(f.Record, record)).Id;
        }
    }

    /// <summary>Faults injected and not reverted (a fault that failed to inject is shown with its error until reverted).</summary>
    public IReadOnlyList<FaultRecord> ActiveRecords()
    {
        lock (_gate)
        {
            return _faults.Where(f => !f.Record.Reverted).Select(f => f.Record).ToList();
        }
    }

    public IReadOnlyList<ActiveFault> Active(double now)
    {
        lock (_gate)
        {
            return _faults.Where(f => !f.Record.Reverted)
                .Select(f => new ActiveFault(f.Id, f.Record.Kind, f.Record.Injection?.Targets ?? [], f.Record.Verified, now - f.InjectedAt, f.Record.Error))
                .ToList();
        }
    }
}
