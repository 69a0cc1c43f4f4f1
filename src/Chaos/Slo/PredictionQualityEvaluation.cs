using System.Globalization;
using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>Prediction quality against ground truth: accuracy at 0.5, exact AUC (Mann-Whitney with ties), and the accuracy gap between groups.</summary>
public static class PredictionQualityEvaluation
{
    /// <summary>Fewer labelled predictions than this give no data: a handful of answers says nothing about a model.</summary>
    public const int DefaultMinimumCount = 50;

    public const double CutOff = 0.5;

    /// <summary>Every quality number of <paramref name="predictions"/>; null when there are none.</summary>
    public static PredictionQuality? Measure(IReadOnlyList<LabelledPrediction> predictions)
    {
        if (predictions.Count == 0)
        {
            return null;
        }
        var groups = predictions.GroupBy(p => p.Group, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Accuracy(g.ToList()), StringComparer.Ordinal);
        return new PredictionQuality(predictions.Count, predictions.Count(p => !IsValid(p)), Accuracy(predictions),
            Auc(predictions), groups, groups.Count < 2 ? null : groups.Values.Max() - groups.Values.Min());
    }

    /// <summary>Share of predictions whose (probability &gt;= 0.5) equals the label; an invalid probability is wrong.</summary>
    public static double Accuracy(IReadOnlyList<LabelledPrediction> predictions) =>
        predictions.Count == 0 ? double.NaN : (double)predictions.Count(p => IsValid(p) && (p.Probability >= CutOff) == p.Label) / predictions.Count;

    /// <summary>
    /// Exact AUC = U / (positives x negatives) with U = (rank sum of positives) - positives (positives + 1) / 2, ranks averaged over ties
    /// (so a tied positive-negative pair counts one half); invalid probabilities are left out; null without both labels.
    /// </summary>
    public static double? Auc(IReadOnlyList<LabelledPrediction> predictions)
    {
        var valid = predictions.Where(IsValid).OrderBy(p => p.Probability).ToList();
        long positives = valid.Count(p => p.Label), negatives = valid.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }
        double positiveRankSum = 0;
        for (var start = 0; start < valid.Count;)
        {
            var end = start;
            while (end + 1 < valid.Count && valid[end + 1].Probability == valid[start].Probability)
            {
                end++;
            }
            var averageRank = (start + end) / 2.0 + 1;
            for (var i = start; i <= end; i++)
            {
                positiveRankSum += valid[i].Label ? averageRank : 0;
            }
            start = end + 1;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>Scores one metric against <paramref name="target"/>; fewer than <paramref name="minimumCount"/> predictions give no data.</summary>
    public static SloResult Evaluate(
        Threshold target, IReadOnlyList<LabelledPrediction> predictions, PredictionQualityMetric metric = PredictionQualityMetric.Accuracy,
        int minimumCount = DefaultMinimumCount)
    {
        var unit = metric == PredictionQualityMetric.Auc ? SloDefinitions.NumberUnit : SloDefinitions.FractionUnit;
        var targetText = TargetText(target, metric);
        if (predictions.Count < Math.Max(1, minimumCount))
        {
            return new SloResult(SloDefinitions.PredictionQuality, targetText, null, null, SloStatus.NoData, unit,
                SloDefinitions.PredictionQualityDefinition, predictions.Count)
            {
                Message = Text($"only {predictions.Count} labelled predictions, fewer than the {minimumCount} needed to judge the model"),
            };
        }
        var quality = Measure(predictions)!;
        var measured = metric switch
        {
            PredictionQualityMetric.Accuracy => quality.Accuracy,
            PredictionQualityMetric.Auc => quality.Auc,
            _ => quality.AccuracyGap,
        };
        var result = SloResults.Score(SloDefinitions.PredictionQuality, targetText, target, measured, unit, SloDefinitions.PredictionQualityDefinition,
            predictions.Count, noDataMessage: metric == PredictionQualityMetric.Auc
                ? "AUC needs both positive and negative labels"
                : "the accuracy gap needs at least two groups of the sensitive attribute");
        return result.Status == SloStatus.NoData ? result : result with { Message = Describe(quality) };
    }

    private static bool IsValid(LabelledPrediction prediction) => prediction.Probability is >= 0 and <= 1;

    private static string TargetText(Threshold target, PredictionQualityMetric metric) => metric switch
    {
        PredictionQualityMetric.Accuracy => $"accuracy {AvailabilityEvaluation.FormatPercentTarget(target)}",
        PredictionQualityMetric.Auc => Text($"auc {target.Symbol} {target.Value:0.###}"),
        _ => $"accuracy gap {AvailabilityEvaluation.FormatPercentTarget(target)}",
    };

    private static string Describe(PredictionQuality quality)
    {
        var auc = quality.Auc is { } value ? Text($"AUC {value:0.###}") : "AUC n/a";
        var groups = string.Join(", ", quality.GroupAccuracy.Select(g => Text($"{g.Key} {g.Value * 100:0.#}%")));
        var gap = quality.AccuracyGap is { } difference ? Text($"accuracy gap {difference * 100:0.#} pp ({groups})") : "one group";
        var invalid = quality.Invalid == 0 ? "" : Text($"; {quality.Invalid} invalid probabilities counted as wrong");
        return Text($"accuracy {quality.Accuracy * 100:0.##}%, {auc}, {gap} over {quality.Count} predictions{invalid}");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
