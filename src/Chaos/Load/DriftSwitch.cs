using Chaos.Stack.Ml;

namespace Chaos.Load;

/// <summary>
/// The drift switch of a run's load (<c>data.drift</c>): from the next request on, applicants come from a changed population
/// (<see cref="CreditDrift"/>). Each change is recorded with the first sequence it applies to, so the ground truth of request
/// <c>i</c> is re-drawn from the same population it was sent from (prediction quality, the pipeline's labels).
/// </summary>
public sealed class DriftSwitch
{
    private readonly Lock _gate = new();
    private readonly List<(long From, CreditDrift Drift)> _changes = [];
    private long _highest = -1;
    private long _drifted;

    /// <summary>Requests sent from a drifted population so far.</summary>
    public long DriftedSent => Interlocked.Read(ref _drifted);

    /// <summary>The population now in effect.</summary>
    public CreditDrift Current
    {
        get
        {
            lock (_gate)
            {
                return _changes.Count == 0 ? CreditDrift.None : _changes[^1].Drift;
            }
        }
    }

    /// <summary>Requests created from now on come from <paramref name="drift"/> (<see cref="CreditDrift.None"/> reverts).</summary>
    public void Set(CreditDrift drift)
    {
        lock (_gate)
        {
            _changes.Add((_highest + 1, drift));
        }
    }

    /// <summary>The population of request <paramref name="sequence"/>, remembering that it was created (the load calls this).</summary>
    public CreditDrift Take(long sequence)
    {
        CreditDrift drift;
        lock (_gate)
        {
            _highest = Math.Max(_highest, sequence);
            drift = At(sequence);
        }
        if (!drift.IsNone)
        {
            Interlocked.Increment(ref _drifted);
        }
        return drift;
    }

    /// <summary>The population request <paramref name="sequence"/> was (or will be) drawn from.</summary>
    public CreditDrift PopulationOf(long sequence)
    {
        lock (_gate)
        {
            return At(sequence);
        }
    }

    private CreditDrift At(long sequence)
    {
        for (var i = _changes.Count - 1; i >= 0; i--)
        {
            if (_changes[i].From <= sequence)
            {
                return _changes[i].Drift;
            }
        }
        return CreditDrift.None;
    }
}
