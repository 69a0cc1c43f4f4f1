using Chaos.Load;

namespace Chaos.Faults.DataFeed;

/// <summary><c>data.stale</c>: the feed replays old data: every row's event time is two days old.</summary>
public sealed class DataStaleFault : IFault
{
    public const string Name = "data.stale";

    public string Kind => Name;

    public string Description =>
        "Every row fed to the pipeline carries an event time two days old (a feed replaying old data); verified when the pipeline answered for such a batch; reverted by feeding current rows. Scored by dataValidation. Options: duration. Target: { role: pipeline }.";

    public Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken) =>
        FeedFaultInjection.InjectAsync(context, Name, FeedFault.Stale, 1, "event times two days old", cancellationToken);
}
