namespace Chaos.Stack.Pipeline.Validation;

/// <summary>A row kept out of the table, with every reason found.</summary>
public sealed record QuarantinedRow(int Position, IngestRow Row, IReadOnlyList<string> Reasons);
