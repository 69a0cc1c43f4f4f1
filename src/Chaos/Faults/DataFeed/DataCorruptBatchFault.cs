using Chaos.Load;

namespace Chaos.Faults.DataFeed;

/// <summary><c>data.corrupt-batch</c>: <c>rate</c> of the rows fed to the pipeline carry one bad value each.</summary>
public sealed class DataCorruptBatchFault : IFault
{
    public const string Name = "data.corrupt-batch";

    public string Kind => Name;

    public string Description =>
        "A rate of the rows fed to the pipeline carry a bad value (income as text, debt_ratio null, age 4000, a negative loan, group 3); verified when the pipeline answered for a batch holding them; reverted by feeding good rows. Scored by dataValidation. Options: rate, duration. Target: { role: pipeline }.";

    public Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken) =>
        FeedFaultInjection.InjectAsync(context, Name, FeedFault.CorruptRows,
            context.Spec?.Rate ?? throw new FaultTargetException($"{Name} needs a rate"), "one bad value each", cancellationToken);
}
