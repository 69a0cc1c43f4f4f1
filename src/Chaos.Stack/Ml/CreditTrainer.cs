using System.Diagnostics;
using Chaos.Stack.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace Chaos.Stack.Ml;

/// <summary>Trains the credit models, exports them to ONNX and writes models.json.</summary>
public sealed partial class CreditTrainer(ILogger<CreditTrainer> logger, TimeProvider timeProvider)
{
    /// <summary>Trains both models into <see cref="TrainOptions.OutputDirectory"/> and returns the manifest written.</summary>
    public async Task<ModelManifest> TrainAsync(TrainOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var train = ToTrainingRows(CreditTask.Generate(options.TrainRows, options.Seed));
        var holdout = ToTrainingRows(CreditTask.Generate(options.HoldoutRows, options.HoldoutSeed));

        var entries = new List<ModelManifestEntry>
        {
            await TrainOneAsync(ModelKind.Credit, "fasttree", options, train, holdout, FastTree, cancellationToken),
            await TrainOneAsync(ModelKind.CreditSimple, "lbfgs-logistic-regression", options, train, holdout, Logistic, cancellationToken),
        };

        var manifest = new ModelManifest(options.Seed, entries);
        var manifestPath = Path.Combine(options.OutputDirectory, ModelManifest.FileName);
        await File.WriteAllTextAsync(manifestPath, System.Text.Json.JsonSerializer.Serialize(manifest, StackJson.Options), cancellationToken);
        return manifest;
    }

    private static IEstimator<ITransformer> FastTree(MLContext ml, int seed) =>
        ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfThreads = 1,
            Seed = seed,
            NumberOfTrees = 100,
            NumberOfLeaves = 16,
            MinimumExampleCountPerLeaf = 20,
            LearningRate = 0.1,
        });

    private static IEstimator<ITransformer> Logistic(MLContext ml, int seed) =>
        ml.Transforms.NormalizeMeanVariance(nameof(CreditTrainingRow.Features))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                NumberOfThreads = 1,
                L2Regularization = 0.01f,
            }));

    private async Task<ModelManifestEntry> TrainOneAsync(
        string name,
        string trainer,
        TrainOptions options,
        CreditTrainingRow[] train,
        CreditTrainingRow[] holdout,
        Func<MLContext, int, IEstimator<ITransformer>> estimator,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = timeProvider.GetTimestamp();
        var ml = new MLContext(options.Seed);
        var model = estimator(ml, options.Seed).Fit(ml.Data.LoadFromEnumerable(train));
        var trainSeconds = timeProvider.GetElapsedTime(started).TotalSeconds;

        var metrics = ml.BinaryClassification.Evaluate(model.Transform(ml.Data.LoadFromEnumerable(holdout)));
        var onnx = OnnxModelExporter.Export(ml, model);
        var file = name + ".onnx";
        await File.WriteAllBytesAsync(Path.Combine(options.OutputDirectory, file), onnx.Content, cancellationToken);

        LogTrained(logger, name, trainSeconds, metrics.AreaUnderRocCurve, metrics.Accuracy, file);
        return new ModelManifestEntry(
            name,
            "1",
            file,
            FileDigest.Sha256Hex(onnx.Content),
            trainer,
            onnx.InputName,
            onnx.ProbabilityOutputName,
            [-1, CreditTask.FeatureCount],
            new ModelTrainingMetrics(metrics.AreaUnderRocCurve, metrics.Accuracy, train.Length, holdout.Length, options.HoldoutSeed, trainSeconds),
            options.Seed);
    }

    private static CreditTrainingRow[] ToTrainingRows(IReadOnlyList<CreditExample> examples) =>
        examples.Select(e => new CreditTrainingRow { Features = e.Features, Label = e.Label }).ToArray();

    [LoggerMessage(Level = LogLevel.Information, Message = "Trained {Model} in {Seconds:F2} s: holdout AUC {Auc:F4}, accuracy {Accuracy:F4}, written to {File}")]
    private static partial void LogTrained(ILogger logger, string model, double seconds, double auc, double accuracy, string file);
}
