using Chaos.Stack.Ml;
using Chaos.Stack.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Chaos.Stack.Tests.Ml;

public sealed class CreditTrainerTests(TrainedModelsFixture models)
{
    [Theory]
    [InlineData(ModelKind.Credit)]
    [InlineData(ModelKind.CreditSimple)]
    public void Train_Default_OnnxHasOneFloatInputOfShapeMinusOneByEight(string name)
    {
        var entry = models.Entry(name);
        using var session = new InferenceSession(Path.Combine(models.ModelDirectory, entry.File));

        session.InputMetadata.Keys.ShouldBe([entry.OnnxInput]);
        session.InputMetadata[entry.OnnxInput].Dimensions.ShouldBe([-1, CreditTask.FeatureCount]);
        session.InputMetadata[entry.OnnxInput].ElementDataType.ShouldBe(TensorElementType.Float);
        session.OutputMetadata.Keys.ShouldContain(entry.OnnxOutput);
    }

    [Theory]
    [InlineData(ModelKind.Credit)]
    [InlineData(ModelKind.CreditSimple)]
    public void Train_Default_HoldoutAucWellAboveChance(string name)
    {
        var metrics = models.Entry(name).Metrics;

        metrics.Auc.ShouldBeGreaterThan(0.75);
        metrics.Accuracy.ShouldBeGreaterThan(0.7);
        metrics.HoldoutRows.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Train_Default_ManifestDigestMatchesFiles()
    {
        foreach (var entry in models.Manifest.Models)
        {
            var digest = Chaos.Stack.Contracts.FileDigest.Sha256Hex(File.ReadAllBytes(Path.Combine(models.ModelDirectory, entry.File)));
            digest.ShouldBe(entry.Sha256);
        }
    }

    [Fact]
    public async Task Train_SameSeedTwice_IdenticalFilesAndPredictions()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var trainer = new CreditTrainer(NullLogger<CreditTrainer>.Instance, TimeProvider.System);
        var token = TestContext.Current.CancellationToken;

        var a = await trainer.TrainAsync(new TrainOptions(first.Path, Seed: 5, TrainRows: 3000), token);
        var b = await trainer.TrainAsync(new TrainOptions(second.Path, Seed: 5, TrainRows: 3000), token);

        a.Models.Select(m => m.Sha256).ShouldBe(b.Models.Select(m => m.Sha256));
        var rows = InferRequests.Rows(200, seed: 99);
        foreach (var entry in a.Models)
        {
            Predict(Path.Combine(first.Path, entry.File), entry.OnnxInput, entry.OnnxOutput, rows)
                .ShouldBe(Predict(Path.Combine(second.Path, entry.File), entry.OnnxInput, entry.OnnxOutput, rows));
        }
    }

    [Fact]
    public void Generate_SameSeed_SameRowsAndLabels()
    {
        var first = CreditTask.Generate(500, seed: 3);
        var second = CreditTask.Generate(500, seed: 3);

        first.Select(r => r.Label).ShouldBe(second.Select(r => r.Label));
        first.SelectMany(r => r.Features).ShouldBe(second.SelectMany(r => r.Features));
        first.ShouldAllBe(r => r.Features.Length == CreditTask.FeatureCount && r.TrueProbability > 0 && r.TrueProbability < 1);
    }

    internal static float[] Predict(string modelPath, string inputName, string outputName, float[] rows)
    {
        OrtEnv.Instance().DisableTelemetryEvents();
        using var session = new InferenceSession(modelPath);
        using var input = OrtValue.CreateTensorValueFromMemory(rows, [rows.Length / CreditTask.FeatureCount, CreditTask.FeatureCount]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [inputName], [input], [outputName]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
