using Chaos.Stack.Contracts;
using Chaos.Stack.Inference;
using Chaos.Stack.Ml;
using Chaos.Stack.Pipeline.Table;
using Microsoft.ML.OnnxRuntime;

namespace Chaos.Stack.Pipeline.Retraining;

/// <summary>Scores ONNX models on labelled rows and measures their quality; candidate and champion are scored the same way.</summary>
public static class ModelEvaluator
{
    /// <summary>The rows of the holdout: a stable fifth of the table by a hash of the row id, never used for training.</summary>
    public static bool IsHoldout(string id)
    {
        // FNV-1a: string.GetHashCode is randomised per process, and the split must be the same after a restart.
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash % 5 == 0;
    }

    /// <summary>Loads ONNX bytes as a scoring model (CPU).</summary>
    public static ScoringModel Load(byte[] onnx, string name, string version, string input, string output)
    {
        OrtEnv.Instance().DisableTelemetryEvents();
        var entry = new ModelManifestEntry(name, version, "memory", FileDigest.Sha256Hex(onnx), "pipeline", input, output, [-1, CreditTask.FeatureCount], new ModelTrainingMetrics(0, 0, 0, 0, 0, 0), 0);
        return new ScoringModel(entry, new InferenceSession(onnx), "cpu");
    }

    /// <summary>The quality of <paramref name="model"/> on the labelled, finite rows of <paramref name="rows"/>.</summary>
    public static ModelQuality Evaluate(ScoringModel model, IReadOnlyList<TableRow> rows)
    {
        var labelled = rows.Where(r => r.Label is not null && r.Features.All(float.IsFinite)).ToList();
        if (labelled.Count == 0)
        {
            return new ModelQuality(0, 0, 0, 0, 0);
        }

        var probabilities = model.Score(labelled.SelectMany(r => r.Features).ToArray(), labelled.Count);
        return Quality(probabilities, labelled.Select(r => r.Label!.Value).ToArray(), labelled.Select(r => r.Features[CreditTask.FeatureCount - 1] >= 0.5f).ToArray());
    }

    /// <summary>AUC (rank statistic, ties averaged), accuracy at 0.5 and per-group accuracy.</summary>
    public static ModelQuality Quality(float[] probabilities, bool[] labels, bool[] group1)
    {
        var correct = probabilities.Select((p, i) => (p >= 0.5f) == labels[i]).ToArray();
        double GroupAccuracy(bool inGroup1)
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => group1[i] == inGroup1).ToList();
            return members.Count == 0 ? 0 : members.Count(i => correct[i]) / (double)members.Count;
        }

        return new ModelQuality(Auc(probabilities, labels), correct.Count(c => c) / (double)labels.Length, GroupAccuracy(false), GroupAccuracy(true), labels.Length);
    }

    private static double Auc(float[] probabilities, bool[] labels)
    {
        var order = Enumerable.Range(0, probabilities.Length).OrderBy(i => probabilities[i]).ToArray();
        var ranks = new double[order.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && probabilities[order[end + 1]] == probabilities[order[start]])
            {
                end++;
            }

            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = ((start + end) / 2.0) + 1;
            }

            start = end + 1;
        }

        double positives = labels.Count(l => l), negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return 0.5;
        }

        var rankSum = Enumerable.Range(0, labels.Length).Where(i => labels[i]).Sum(i => ranks[i]);
        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }
}
