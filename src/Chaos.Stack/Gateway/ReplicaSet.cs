namespace Chaos.Stack.Gateway;

/// <summary>The replicas of a gateway, chosen round-robin; replicas with an open breaker are skipped while another is available.</summary>
public sealed class ReplicaSet(IReadOnlyList<Replica> replicas)
{
    private int nextStart = -1;

    /// <summary>All replicas, in the order given.</summary>
    public IReadOnlyList<Replica> All => replicas;

    /// <summary>Where the next request starts: each request starts one replica further.</summary>
    public int NextStart() => (int)((uint)Interlocked.Increment(ref nextStart) % (uint)replicas.Count);

    /// <summary>
    /// The replica for attempt <paramref name="attempt"/> of a request that started at <paramref name="start"/>:
    /// the next one in order whose breaker is not open; if every breaker is open, the plain next one (its breaker refuses fast).
    /// </summary>
    public Replica Pick(int start, int attempt)
    {
        for (var offset = 0; offset < replicas.Count; offset++)
        {
            var candidate = replicas[(start + attempt + offset) % replicas.Count];
            if (!candidate.IsBroken)
            {
                return candidate;
            }
        }

        return replicas[(start + attempt) % replicas.Count];
    }
}
