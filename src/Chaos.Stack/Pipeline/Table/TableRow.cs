namespace Chaos.Stack.Pipeline.Table;

/// <summary>One committed row of the feature table; <see cref="Features"/> in <see cref="Ml.CreditTask.FeatureNames"/> order.</summary>
public sealed record TableRow(string Id, DateTimeOffset EventTime, string BatchId, float[] Features, bool? Label);
