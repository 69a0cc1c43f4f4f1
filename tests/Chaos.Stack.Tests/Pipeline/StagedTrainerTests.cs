using Chaos.Stack.Ml;
using Chaos.Stack.Pipeline.Retraining;
using Chaos.Stack.Pipeline.Table;
using Chaos.Stack.Tests.Support;
using Microsoft.ML.OnnxRuntime;

namespace Chaos.Stack.Tests.Pipeline;

public sealed class StagedTrainerTests : IDisposable
{
    private static readonly List<TableRow> Train = PipelineRows.TableRows("train", 3000, 5);
    private static readonly float[] Holdout = CreditTask.Generate(1000, 6).SelectMany(e => e.Features).ToArray();
    private readonly TempDirectory folder = new();

    private static float[] Predict(byte[] onnx, string input, string output)
    {
        using var session = new InferenceSession(onnx);
        using var value = OrtValue.CreateTensorValueFromMemory(Holdout, [Holdout.Length / CreditTask.FeatureCount, CreditTask.FeatureCount]);
        using var results = session.Run(new RunOptions(), [input], [value], [output]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    [Fact]
    public async Task TrainAsync_KilledAfterEachStageAndResumed_GivesExactlyTheUninterruptedModel()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new StagedTrainingOptions { Stages = 6, IterationsPerStage = 3 };
        var uninterrupted = await new StagedTrainer(options).TrainAsync(Train, 1, "straight", Path.Combine(folder.Path, "a"), null, ct);
        var expected = Predict(uninterrupted.Onnx, uninterrupted.OnnxInput, uninterrupted.OnnxOutput);

        for (var killAfter = 1; killAfter < options.Stages; killAfter++)
        {
            var checkpoints = Path.Combine(folder.Path, $"kill-{killAfter}");
            var stagesDone = 0;
            await Should.ThrowAsync<OperationCanceledException>(() => new StagedTrainer(options).TrainAsync(Train, 1, "run", checkpoints, stage =>
            {
                stagesDone = stage;
                if (stage == killAfter)
                {
                    throw new OperationCanceledException("killed");
                }
            }, ct));
            stagesDone.ShouldBe(killAfter);

            var resumed = await new StagedTrainer(options).TrainAsync(Train, 1, "run", checkpoints, null, ct);
            resumed.ResumedFromStage.ShouldBe(killAfter);
            resumed.StagesTrained.ShouldBe(options.Stages - killAfter);
            Predict(resumed.Onnx, resumed.OnnxInput, resumed.OnnxOutput).ShouldBe(expected, $"killed after stage {killAfter}");
        }
    }

    [Fact]
    public async Task TrainAsync_KilledMidStageWithCheckpointEveryTwo_LosesAtMostOneInterval()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new StagedTrainingOptions { Stages = 6, IterationsPerStage = 3, CheckpointEvery = 2 };
        await Should.ThrowAsync<OperationCanceledException>(() => new StagedTrainer(options).TrainAsync(Train, 1, "run", folder.Path, stage =>
        {
            if (stage == 5)
            {
                throw new OperationCanceledException("killed");
            }
        }, ct));
        StagedTrainer.CheckpointedStages(folder.Path, "run").ShouldBe([4, 2]);
        var resumed = await new StagedTrainer(options).TrainAsync(Train, 1, "run", folder.Path, null, ct);
        resumed.ResumedFromStage.ShouldBe(4);
    }

    [Fact]
    public async Task TrainAsync_CheckpointsOff_StartsOverAfterACrash()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new StagedTrainingOptions { Stages = 4, IterationsPerStage = 3, Checkpoints = false };
        await Should.ThrowAsync<OperationCanceledException>(() => new StagedTrainer(options).TrainAsync(Train, 1, "run", folder.Path, stage =>
        {
            if (stage == 3)
            {
                throw new OperationCanceledException("killed");
            }
        }, ct));
        var again = await new StagedTrainer(options).TrainAsync(Train, 1, "run", folder.Path, null, ct);
        again.ResumedFromStage.ShouldBe(0);
        again.StagesTrained.ShouldBe(4);
    }

    [Fact]
    public async Task TrainAsync_CorruptCheckpoint_IsSkippedForTheOneBefore()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new StagedTrainingOptions { Stages = 4, IterationsPerStage = 3 };
        await Should.ThrowAsync<OperationCanceledException>(() => new StagedTrainer(options).TrainAsync(Train, 1, "run", folder.Path, stage =>
        {
            if (stage == 3)
            {
                throw new OperationCanceledException("killed");
            }
        }, ct));
        var torn = Path.Combine(folder.Path, "run", "stage-0003.zip");
        File.WriteAllBytes(torn, File.ReadAllBytes(torn)[..100]);
        (await new StagedTrainer(options).TrainAsync(Train, 1, "run", folder.Path, null, ct)).ResumedFromStage.ShouldBe(2);
    }

    public void Dispose() => folder.Dispose();
}
