using Chaos.Load;

namespace Chaos.Faults.DataFeed;

/// <summary><c>data.schema-change</c>: the feed's producer renames a column: rows come by name with <c>debt_ratio</c> as <c>debt_to_income</c>.</summary>
public sealed class DataSchemaChangeFault : IFault
{
    public const string Name = "data.schema-change";

    public string Kind => Name;

    public string Description =>
        "Every row fed to the pipeline comes by column name with debt_ratio renamed to debt_to_income (an upstream schema change); verified when the pipeline answered for such a batch; reverted by feeding the agreed schema. Scored by dataValidation. Options: duration. Target: { role: pipeline }.";

    public Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken) =>
        FeedFaultInjection.InjectAsync(context, Name, FeedFault.SchemaChange, 1, "debt_ratio renamed to debt_to_income", cancellationToken);
}
