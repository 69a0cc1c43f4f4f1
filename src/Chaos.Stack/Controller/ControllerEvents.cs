namespace Chaos.Stack.Controller;

/// <summary>The last events, oldest first, bounded so a long run cannot grow it without limit; thread-safe.</summary>
public sealed class ControllerEvents(TimeProvider timeProvider, int capacity = 200)
{
    private readonly Queue<ControllerEvent> events = new();
    private readonly Lock gate = new();

    /// <summary>Records an event stamped with the current time.</summary>
    public ControllerEvent Add(string action, string container, string alias, string reason)
    {
        var entry = new ControllerEvent(timeProvider.GetUtcNow(), action, container, alias, reason);
        lock (gate)
        {
            events.Enqueue(entry);
            while (events.Count > capacity)
            {
                events.Dequeue();
            }
        }

        return entry;
    }

    /// <summary>A copy of the retained events, oldest first.</summary>
    public IReadOnlyList<ControllerEvent> Snapshot()
    {
        lock (gate)
        {
            return events.ToList();
        }
    }
}
