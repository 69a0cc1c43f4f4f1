using System.Globalization;
using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Ml;
using Chaos.Stack.Pipeline.Table;
using Chaos.Stack.Registry;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Chaos.Stack.Pipeline.Retraining;

/// <summary>
/// Trains the credit model with checkpoints. ML.NET has no mid-training checkpoint for its trainers, so training is staged:
/// stage k runs a bounded number of L-BFGS iterations warm-started from stage k-1's weights (ML.NET's documented continued
/// training for linear trainers) and its model is saved as the checkpoint. The uninterrupted run is the same chain of stages,
/// so a run killed after stage k and resumed from checkpoint k computes the same stages k+1.. from the same weights: the
/// same model. What a crash loses is at most the stage in progress (one checkpoint interval). Every random source is fixed:
/// the data order (rows sorted by id), the ML.NET seed, one thread. The feature normaliser is fitted from the data
/// version on every start, which is deterministic too, and is recorded only by the data version.
/// </summary>
public sealed class StagedTrainer(StagedTrainingOptions options)
{
    private const string FeaturesColumn = nameof(CreditTrainingRow.Features);

    /// <summary>Trains on <paramref name="rows"/> of table version <paramref name="dataVersion"/>, resuming run <paramref name="runId"/> from its last checkpoint in <paramref name="checkpointFolder"/>.</summary>
    /// <remarks>
    /// <c>afterStage</c> is called after each stage and its checkpoint (a test throws from it to kill the run there);
    /// <c>starting</c> once with the stage training starts from (0, or the checkpoint it resumes).
    /// </remarks>
    public async Task<StagedModel> TrainAsync(IReadOnlyList<TableRow> rows, long dataVersion, string runId, string checkpointFolder, Action<int>? afterStage, CancellationToken cancellationToken, Action<int>? starting = null)
    {
        var ml = new MLContext(options.Seed);
        var labelled = rows.Where(r => r.Label is not null && r.Features.All(float.IsFinite))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new CreditTrainingRow { Features = r.Features, Label = r.Label!.Value })
            .ToArray();
        if (labelled.Length < 50 || labelled.Select(r => r.Label).Distinct().Count() < 2)
        {
            throw new InvalidOperationException($"version {dataVersion} has {labelled.Length} usable labelled rows; training needs at least 50 with both classes");
        }

        var data = ml.Data.LoadFromEnumerable(labelled);
        var normaliser = ml.Transforms.NormalizeMeanVariance(FeaturesColumn).Fit(data);
        var normalised = ml.Data.Cache(normaliser.Transform(data));

        var runFolder = Path.Combine(checkpointFolder, runId);
        Directory.CreateDirectory(runFolder);
        var (stage, model) = options.Checkpoints ? LoadLatest(ml, runFolder, runId, dataVersion) : (0, null);
        var resumedFrom = stage;
        starting?.Invoke(resumedFrom);
        while (stage < options.Stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                NumberOfThreads = 1,
                L2Regularization = options.L2Regularization,
                MaximumNumberOfIterations = options.IterationsPerStage,
                OptimizationTolerance = 1e-12f,
            });
            model = model is null ? trainer.Fit(normalised) : trainer.Fit(normalised, model.Model.SubModel);
            stage++;
            if (options.Checkpoints && (stage % options.CheckpointEvery == 0 || stage == options.Stages))
            {
                await SaveAsync(ml, model, normalised.Schema, runFolder, new TrainingCheckpoint(runId, stage, options.Stages, dataVersion, options.Seed, options.IterationsPerStage, string.Empty, string.Empty), cancellationToken);
            }

            afterStage?.Invoke(stage);
        }

        var chain = normaliser.Append(model!);
        var onnx = OnnxModelExporter.Export(ml, chain);
        return new StagedModel(ml, chain, onnx.Content, onnx.InputName, onnx.ProbabilityOutputName, stage - resumedFrom, resumedFrom);
    }

    /// <summary>The stages a run has checkpointed, highest first.</summary>
    public static IReadOnlyList<int> CheckpointedStages(string checkpointFolder, string runId)
    {
        var runFolder = Path.Combine(checkpointFolder, runId);
        return Directory.Exists(runFolder)
            ? Directory.GetFiles(runFolder, "stage-*.json")
                .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f)["stage-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1)
                .Where(s => s > 0).OrderDescending().ToList()
            : [];
    }

    private static async Task SaveAsync(MLContext ml, BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> model, DataViewSchema schema, string runFolder, TrainingCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var name = $"stage-{checkpoint.Stage.ToString("D4", CultureInfo.InvariantCulture)}";
        using var buffer = new MemoryStream();
        ml.Model.Save(model, schema, buffer);
        var bytes = buffer.ToArray();
        // The model first, then the record that vouches for it: a checkpoint exists once its JSON does, and the digest in it
        // rejects a model file torn by a crash.
        await AtomicFile.ReplaceAsync(Path.Combine(runFolder, name + ".zip"), bytes, cancellationToken);
        var record = checkpoint with { ModelFile = name + ".zip", Sha256 = FileDigest.Sha256Hex(bytes) };
        await AtomicFile.ReplaceAsync(Path.Combine(runFolder, $"stage-{checkpoint.Stage.ToString(CultureInfo.InvariantCulture)}.json"), JsonSerializer.SerializeToUtf8Bytes(record, StackJson.Options), cancellationToken);
    }

    private (int Stage, BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>? Model) LoadLatest(MLContext ml, string runFolder, string runId, long dataVersion)
    {
        foreach (var stage in CheckpointedStages(Path.GetDirectoryName(runFolder)!, runId))
        {
            var record = JsonSerializer.Deserialize<TrainingCheckpoint>(File.ReadAllBytes(Path.Combine(runFolder, $"stage-{stage.ToString(CultureInfo.InvariantCulture)}.json")), StackJson.Options);
            var modelPath = Path.Combine(runFolder, record?.ModelFile ?? string.Empty);
            if (record is null || record.DataVersion != dataVersion || record.Seed != options.Seed || record.IterationsPerStage != options.IterationsPerStage
                || record.Stage > options.Stages || !File.Exists(modelPath))
            {
                continue;
            }

            var bytes = File.ReadAllBytes(modelPath);
            if (!string.Equals(FileDigest.Sha256Hex(bytes), record.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            using var stream = new MemoryStream(bytes);
            var loaded = ml.Model.Load(stream, out _);
            if (loaded is BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> typed)
            {
                return (record.Stage, typed);
            }

            throw new InvalidDataException($"checkpoint {modelPath} holds a {loaded.GetType().Name}, not the staged logistic regression");
        }

        return (0, null);
    }
}
