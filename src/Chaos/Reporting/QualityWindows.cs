using Chaos.Slo;

namespace Chaos.Reporting;

/// <summary>
/// Prediction quality per window of the measured window, as <see cref="DataModelEvents.QualityWindow"/> event data: what a run
/// that kept its labelled predictions per second (<c>CreditPredictionRecorder.InIntervals</c>) records for the quality panel.
/// A window with fewer than <c>minimumCount</c> predictions is left out: a handful of answers says nothing about a model.
/// </summary>
public static class QualityWindows
{
    public sealed record Window(double MidSecond, IReadOnlyDictionary<string, object?> Data);

    /// <param name="inIntervals">The labelled predictions whose requests were intended in seconds [from, to) of the measured window.</param>
    /// <param name="measuredSeconds">Length of the measured window.</param>
    /// <param name="windowSeconds">Width of a window.</param>
    /// <param name="minimumCount">Fewest predictions a window needs.</param>
    public static IReadOnlyList<Window> From(
        Func<int, int, IReadOnlyList<LabelledPrediction>> inIntervals, int measuredSeconds, int windowSeconds = 30,
        int minimumCount = PredictionQualityEvaluation.DefaultMinimumCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowSeconds);
        var windows = new List<Window>();
        for (var from = 0; from < measuredSeconds; from += windowSeconds)
        {
            var to = Math.Min(measuredSeconds, from + windowSeconds);
            var predictions = inIntervals(from, to);
            if (predictions.Count < Math.Max(1, minimumCount) || PredictionQualityEvaluation.Measure(predictions) is not { } quality)
            {
                continue;
            }
            windows.Add(new Window((from + to) / 2.0, new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["accuracy"] = Math.Round(quality.Accuracy, 4),
                ["auc"] = quality.Auc is { } auc ? Math.Round(auc, 4) : null,
                ["gap"] = quality.AccuracyGap is { } gap ? Math.Round(gap, 4) : null,
                ["count"] = quality.Count,
            }));
        }
        return windows;
    }
}
