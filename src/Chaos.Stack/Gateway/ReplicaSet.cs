namespace Chaos.Stack.Gateway;

/// <summary>
/// The replicas of a gateway, chosen round-robin; replicas with an open breaker are skipped while another is available.
/// With a factory the set can change while requests run (<see cref="Update"/>, fed by <see cref="ReplicaDiscovery"/>):
/// a replica whose URL stays keeps its breaker, a new URL gets a fresh one, a URL that left is no longer picked.
/// </summary>
public sealed class ReplicaSet
{
    private readonly Func<Uri, Replica>? factory;
    private Replica[] current;
    private int nextStart = -1;

    /// <summary>A fixed set.</summary>
    public ReplicaSet(IReadOnlyList<Replica> replicas) => current = [.. replicas];

    /// <summary>A set that <see cref="Update"/> may change; <paramref name="factory"/> builds the replica (and its breaker) for a new URL.</summary>
    public ReplicaSet(IReadOnlyList<Uri> initial, Func<Uri, Replica> factory)
    {
        this.factory = factory;
        current = [.. initial.Select(factory)];
    }

    /// <summary>All replicas now, in order.</summary>
    public IReadOnlyList<Replica> All => Volatile.Read(ref current);

    /// <summary>
    /// Priority routing (a front door): every request starts at the first replica (the primary region) and a retry goes to
    /// the next; an open breaker moves all traffic on. Otherwise round-robin.
    /// </summary>
    public bool Ordered { get; init; }

    /// <summary>Where the next request starts: the first replica when <see cref="Ordered"/>, else one replica further each time.</summary>
    public int NextStart() => Ordered ? 0 : (int)((uint)Interlocked.Increment(ref nextStart) % (uint)Math.Max(1, All.Count));

    /// <summary>
    /// The replica for attempt <paramref name="attempt"/> of a request that started at <paramref name="start"/>:
    /// the next one in order whose breaker is not open; if every breaker is open, the plain next one (its breaker refuses fast).
    /// </summary>
    public Replica Pick(int start, int attempt)
    {
        var replicas = All;
        for (var offset = 0; offset < replicas.Count; offset++)
        {
            var candidate = replicas[(start + attempt + offset) % replicas.Count];
            if (!candidate.IsBroken && !candidate.IsFull)
            {
                return candidate;
            }
        }

        return replicas[(start + attempt) % replicas.Count];
    }

    /// <summary>
    /// Routes to exactly <paramref name="urls"/> from now on, keeping the replica (and breaker) of every URL already known.
    /// An empty list is ignored: losing the source of the list must not leave the gateway with nowhere to send requests.
    /// Returns true when the set changed.
    /// </summary>
    public bool Update(IReadOnlyList<Uri> urls)
    {
        if (factory is null)
        {
            throw new InvalidOperationException("This replica set is fixed: it was built without a factory.");
        }

        var wanted = urls.Select(Normalize).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return false;
        }

        var before = All;
        if (before.Select(r => Normalize(r.BaseAddress)).SequenceEqual(wanted, StringComparer.Ordinal))
        {
            return false;
        }

        var known = before.ToDictionary(r => Normalize(r.BaseAddress), StringComparer.Ordinal);
        var next = wanted.Select(url => known.TryGetValue(url, out var kept) ? kept : factory(new Uri(url))).ToArray();
        Volatile.Write(ref current, next);
        return true;
    }

    private static string Normalize(Uri url) => url.GetLeftPart(UriPartial.Authority) + "/";
}
