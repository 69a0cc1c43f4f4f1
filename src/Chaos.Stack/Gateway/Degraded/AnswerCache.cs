namespace Chaos.Stack.Gateway.Degraded;

/// <summary>A bounded least-recently-used cache of good answers, keyed by <see cref="RequestFingerprint.Key"/>; thread-safe.</summary>
public sealed class AnswerCache(int capacity, int maxAnswerBytes)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, byte[] Answer)>> index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, byte[] Answer)> recency = new();
    private readonly Lock cacheLock = new();

    /// <summary>Answers held now.</summary>
    public int Count
    {
        get
        {
            lock (cacheLock)
            {
                return index.Count;
            }
        }
    }

    /// <summary>Keeps <paramref name="answer"/> for <paramref name="key"/>, evicting the least recently used beyond capacity; large answers are not kept.</summary>
    public void Put(string key, byte[] answer)
    {
        if (capacity <= 0 || answer.Length > maxAnswerBytes)
        {
            return;
        }

        lock (cacheLock)
        {
            if (index.Remove(key, out var existing))
            {
                recency.Remove(existing);
            }

            index[key] = recency.AddFirst((key, answer));
            if (index.Count > capacity)
            {
                index.Remove(recency.Last!.Value.Key);
                recency.RemoveLast();
            }
        }
    }

    /// <summary>The answer kept for <paramref name="key"/>, marked as recently used; null when none.</summary>
    public byte[]? TryGet(string key)
    {
        lock (cacheLock)
        {
            if (!index.TryGetValue(key, out var node))
            {
                return null;
            }

            recency.Remove(node);
            recency.AddFirst(node);
            return node.Value.Answer;
        }
    }
}
