namespace Chaos.Reporting;

/// <summary>
/// Journal events of the data and model side that the report draws as panels. A producer records them with these types and
/// data keys (numbers as numbers); a run that recorded none gets "not measured in this run" instead of an empty chart.
/// </summary>
public static class DataModelEvents
{
    /// <summary>One drift statistic checked: <c>statistic</c> (psi, ks, js, wasserstein, share), <c>feature</c> (optional), <c>value</c>, <c>threshold</c>.</summary>
    public const string DriftChecked = "drift.checked";

    /// <summary>One batch through the pipeline: row counts <c>accepted</c>, <c>quarantined</c>, <c>committed</c> (and <c>rejected</c> when a whole batch was).</summary>
    public const string PipelineBatch = "pipeline.batch";

    /// <summary>The model version a replica serves from now on: <c>version</c>, <c>replica</c> (optional), <c>alias</c> (optional).</summary>
    public const string ModelServed = "model.served";

    /// <summary>Prediction quality of a window of live traffic against ground truth: <c>accuracy</c>, <c>auc</c> (optional), <c>gap</c> (subgroup accuracy gap, optional), <c>count</c>.</summary>
    public const string QualityWindow = "quality.window";
}
