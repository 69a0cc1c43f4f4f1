namespace Chaos.Stack.Pipeline.Validation;

/// <summary>One row of an ingested batch as it arrived, before validation; values in <see cref="FeatureSchema"/> column order.</summary>
public sealed record IngestRow(string? Id, DateTimeOffset? EventTime, IReadOnlyList<RawValue> Values, bool? Label);
