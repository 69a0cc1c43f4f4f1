using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Chaos.Stack.Ml;
using Chaos.Stack.Pipeline.Retraining;
using Chaos.Stack.Pipeline.Table;
using Chaos.Stack.Registry;
using Chaos.Stack.Tests.Registry;
using Chaos.Stack.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Stack.Tests.Pipeline;

public sealed class RetrainingServiceTests : IAsyncLifetime
{
    private readonly TempDirectory folder = new();
    private readonly FakeTimeProvider time = new(PipelineRows.Now);
    private StackServer registryServer = null!;
    private RegistryPublisher publisher = null!;
    private RegistryClient reader = null!;
    private VersionedTable table = null!;

    public async ValueTask InitializeAsync()
    {
        registryServer = await RegistryTestNodes.StartAsync(Path.Combine(folder.Path, "registry"), null);
        publisher = RegistryPublisher.For(registryServer.BaseAddress, RegistryTestNodes.AdminToken);
        reader = RegistryClient.For(registryServer.BaseAddress);
        table = await VersionedTable.OpenAsync(Path.Combine(folder.Path, "table"), time, TestContext.Current.CancellationToken);
    }

    private RetrainingService Service(StagedTrainingOptions? training = null, string work = "work", int minTrainingRows = 0, TimeSpan cooldown = default, int retrainAfter = 5000) => new(table, null, publisher, new RetrainingOptions
    {
        Cooldown = cooldown,
        RetrainAfterNewRows = retrainAfter,
        WorkFolder = Path.Combine(folder.Path, work),
        Training = training ?? new StagedTrainingOptions { Stages = 4, IterationsPerStage = 5 },
        MinTrainingRows = minTrainingRows,
    }, time);

    private Task<string> ChampionAsync() => reader.ResolveAliasAsync("credit", StoredAliases.ChampionAlias, TestContext.Current.CancellationToken);

    [Fact]
    public async Task CheckTriggersAsync_FirstDataThenAnUnderfitCandidate_PromotesRegistersWithLineageAndRejectsTheWorse()
    {
        var ct = TestContext.Current.CancellationToken;
        using var service = Service();
        var references = new List<int>();
        service.Retrained += rows => references.Add(rows.Count);
        (await service.CheckTriggersAsync(ct)).ShouldBeNull("an empty table triggers nothing");

        await table.AppendAsync(PipelineRows.TableRows("base", 3000, 1), "base", ct);
        var first = (await service.CheckTriggersAsync(ct))!;
        first.Trigger.ShouldBe("freshness: no model trained yet");
        first.Promoted.ShouldBeTrue();
        references.ShouldHaveSingleItem().ShouldBeGreaterThan(0, "the promoted model's training rows become the drift reference");
        (await ChampionAsync()).ShouldBe(first.RegisteredVersion);
        var lineage = await reader.GetVersionAsync("credit", first.RegisteredVersion!, ct);
        lineage.TrainingDataVersion!.ShouldEndWith("@1");
        lineage.CodeVersion.ShouldNotBeNullOrEmpty();
        lineage.Parameters["trigger"].ShouldBe(first.Trigger);
        lineage.Metrics!.Auc.ShouldBeGreaterThan(0.7);

        // A run with a broken configuration (one L-BFGS iteration) underfits: the gate must keep the champion.
        await table.AppendAsync(PipelineRows.TableRows("more", 3000, 2), "more", ct);
        using var underfit = Service(new StagedTrainingOptions { Stages = 1, IterationsPerStage = 1 }, "work-underfit");
        var rebased = 0;
        underfit.Retrained += _ => rebased++;
        var rejected = await underfit.RunAsync("manual", null, ct);
        rejected.Promoted.ShouldBeFalse();
        rejected.Decision.Reason.ShouldContain("worse than the champion");
        rejected.RegisteredVersion.ShouldNotBe(first.RegisteredVersion);
        (await ChampionAsync()).ShouldBe(first.RegisteredVersion);
        underfit.Status().Rejections.ShouldBe(1);
        rebased.ShouldBe(0, "the drift monitor keeps the champion's training data as its reference");
    }

    [Fact]
    public async Task CheckTriggersAsync_TooFewRowsThenEnough_WaitsForTheMinimum()
    {
        var ct = TestContext.Current.CancellationToken;
        using var service = Service(minTrainingRows: 1000);
        await table.AppendAsync(PipelineRows.TableRows("small", 600, 1), "small", ct);
        (await service.CheckTriggersAsync(ct)).ShouldBeNull("600 rows are below the minimum of 1000");

        await table.AppendAsync(PipelineRows.TableRows("enough", 600, 2), "enough", ct);
        var run = (await service.CheckTriggersAsync(ct))!;
        run.Trigger.ShouldBe("freshness: no model trained yet");
        run.TrainRows.ShouldBeGreaterThan(900);
    }

    [Fact]
    public async Task CheckTriggersAsync_WithinTheCooldown_WaitsThenRuns()
    {
        var ct = TestContext.Current.CancellationToken;
        using var service = Service(cooldown: TimeSpan.FromSeconds(30), retrainAfter: 200);
        await table.AppendAsync(PipelineRows.TableRows("base", 1500, 1), "base", ct);
        (await service.CheckTriggersAsync(ct)).ShouldNotBeNull();

        await table.AppendAsync(PipelineRows.TableRows("more", 300, 2), "more", ct);
        time.Advance(TimeSpan.FromSeconds(29));
        (await service.CheckTriggersAsync(ct)).ShouldBeNull("29 s after the last run is within the 30 s cooldown");
        time.Advance(TimeSpan.FromSeconds(2));
        (await service.CheckTriggersAsync(ct))!.Trigger.ShouldStartWith("freshness: 300 new rows");
    }

    [Fact]
    public async Task CheckTriggersAsync_RegistryAlreadyHasAChampion_NoFirstModelRun()
    {
        var ct = TestContext.Current.CancellationToken;
        await table.AppendAsync(PipelineRows.TableRows("base", 3000, 1), "base", ct);
        using (var first = Service())
        {
            (await first.RunAsync("manual", null, ct)).Promoted.ShouldBeTrue();
        }

        // A pipeline started beside a registry that already serves a champion (the image's model) has a model already.
        using var service = Service(work: "work-second");
        await table.AppendAsync(PipelineRows.TableRows("more", 500, 2), "more", ct);
        (await service.CheckTriggersAsync(ct)).ShouldBeNull("the registry's champion is the model; 500 new rows are below the freshness rule");
    }

    [Fact]
    public async Task ObserveLabelledAsync_LiveAccuracyDropsAfterPromotion_RollsTheChampionBack()
    {
        var ct = TestContext.Current.CancellationToken;
        using var service = Service();
        var restores = 0;
        service.PromotionRolledBack += () => restores++;
        await table.AppendAsync(PipelineRows.TableRows("base", 3000, 1), "base", ct);
        var first = await service.RunAsync("manual", null, ct);
        await table.AppendAsync(PipelineRows.TableRows("more", 3000, 3), "more", ct);
        var second = await service.RunAsync("manual", null, ct);
        second.Promoted.ShouldBeTrue();
        (await ChampionAsync()).ShouldBe(second.RegisteredVersion);

        // Healthy live traffic keeps it; traffic whose concept changed hard drags live accuracy down and triggers the rollback.
        (await service.ObserveLabelledAsync(PipelineRows.TableRows("live-ok", 200, 4), ct)).ShouldBeFalse();
        var changed = DriftingCreditTask.Generate(400, 5, new CreditDrift(ConceptDrift: 3, LabelShiftOdds: 6))
            .Select((e, i) => new TableRow($"live-{i}", PipelineRows.Now, "live", e.Features, e.Label)).ToList();
        (await service.ObserveLabelledAsync(changed, ct)).ShouldBeTrue();
        (await ChampionAsync()).ShouldBe(first.RegisteredVersion);
        service.Status().Rollbacks.ShouldBe(1);
        service.Status().LastRollbackReason!.ShouldContain("live accuracy");
        // Its own promotion had moved the drift reference: the rollback asks for it back.
        restores.ShouldBe(1);
    }

    [Fact]
    public async Task ResumeInterruptedAsync_RunKilledAfterStageTwo_ResumesFromItsCheckpointAndPublishesTheSameModel()
    {
        var ct = TestContext.Current.CancellationToken;
        await table.AppendAsync(PipelineRows.TableRows("base", 3000, 1), "base", ct);
        using (var crashing = Service())
        {
            await Should.ThrowAsync<OperationCanceledException>(() => crashing.RunAsync("drift alarm", null, ct, stage =>
            {
                if (stage == 2)
                {
                    throw new OperationCanceledException("killed");
                }
            }));
        }

        using var restarted = Service();
        var resumed = (await restarted.ResumeInterruptedAsync(ct))!;
        resumed.ResumedFromStage.ShouldBe(2);
        resumed.Trigger.ShouldStartWith("drift alarm");
        (await restarted.ResumeInterruptedAsync(ct)).ShouldBeNull("the marker is gone once the run finished");

        // An uninterrupted run of the same data version publishes identical bytes (the registry's digest is the proof).
        using var clean = Service(work: "work-clean");
        var straight = await clean.RunAsync("manual", null, ct);
        var resumedVersion = await reader.GetVersionAsync("credit", resumed.RegisteredVersion!, ct);
        var straightVersion = await reader.GetVersionAsync("credit", straight.RegisteredVersion!, ct);
        straightVersion.Sha256.ShouldBe(resumedVersion.Sha256);
    }

    [Fact]
    public async Task Status_DuringARunAndAResume_ShowsTheStageReachedAndWhereItResumed()
    {
        var ct = TestContext.Current.CancellationToken;
        await table.AppendAsync(PipelineRows.TableRows("base", 3000, 1), "base", ct);
        var seen = new List<TrainingProgress?>();
        using (var crashing = Service())
        {
            await Should.ThrowAsync<OperationCanceledException>(() => crashing.RunAsync("manual", null, ct, stage =>
            {
                seen.Add(crashing.Status().Current);
                if (stage == 3)
                {
                    throw new OperationCanceledException("killed");
                }
            }));
            crashing.Status().Current.ShouldBeNull("nothing trains once the run is gone");
        }

        seen.Select(p => p!.Stage).ShouldBe([1, 2, 3]);
        seen.ShouldAllBe(p => p!.ResumedFromStage == 0 && p.Stages == 4);

        using var restarted = Service();
        TrainingProgress? first = null;
        var resumed = (await restarted.ResumeInterruptedAsync(ct))!;
        resumed.ResumedFromStage.ShouldBe(3);
        restarted.Status().Current.ShouldBeNull();

        using var again = Service(work: "work-again");
        await again.RunAsync("manual", null, ct, stage => first ??= again.Status().Current);
        first.ShouldNotBeNull();
        first.ShouldBe(new TrainingProgress(first.RunId, "manual", 1, 4, 0));
    }

    [Fact]
    public async Task FollowChampionAsync_AChampionPromotedElsewhereLosesLiveQuality_IsRolledBackToo()
    {
        var ct = TestContext.Current.CancellationToken;
        using var service = Service();
        var restores = 0;
        service.PromotionRolledBack += () => restores++;
        await table.AppendAsync(PipelineRows.TableRows("base", 3000, 1), "base", ct);
        var first = await service.RunAsync("manual", null, ct);
        (await service.FollowChampionAsync(ct)).ShouldBeFalse("its own promotion is already watched");

        // Someone else pushes a version (here the same bytes, registered again with a claimed accuracy of 0.99).
        var champion = (await publisher.ChampionAsync("credit", ct))!.Value;
        var pushed = await publisher.RegisterAsync("credit", champion.Onnx, new ModelRegistration(champion.Version.Trainer, champion.Version.OnnxInput,
            champion.Version.OnnxOutput, champion.Version.InputShape, champion.Version.Metrics! with { Accuracy = 0.99 }), ct);
        await publisher.PromoteAsync("credit", pushed.Version, ct);

        (await service.FollowChampionAsync(ct)).ShouldBeTrue();
        (await service.FollowChampionAsync(ct)).ShouldBeFalse("the same champion is watched once");
        // Live accuracy near 0.8 is far below the claimed 0.99: the pushed version is rolled back to the one before it.
        (await service.ObserveLabelledAsync(PipelineRows.TableRows("live", 400, 4), ct)).ShouldBeTrue();
        (await ChampionAsync()).ShouldBe(first.RegisteredVersion);
        (await service.FollowChampionAsync(ct)).ShouldBeFalse("the version rolled back to is not a new promotion");
        service.Status().Rollbacks.ShouldBe(1);
        restores.ShouldBe(0, "a version pushed elsewhere never moved the drift reference, so there is nothing to restore");
    }

    [Fact]
    public async Task FollowChampionAsync_FirstLook_TakesTheChampionAsTheBaseline()
    {
        var ct = TestContext.Current.CancellationToken;
        using var trainer = Service(work: "work-trainer");
        await table.AppendAsync(PipelineRows.TableRows("base", 3000, 1), "base", ct);
        await trainer.RunAsync("manual", null, ct);
        using var service = Service();

        (await service.FollowChampionAsync(ct)).ShouldBeFalse("nothing was promoted since this service started");
        (await service.ObserveLabelledAsync(PipelineRows.TableRows("live", 400, 4), ct)).ShouldBeFalse("nothing is watched");
    }

    public async ValueTask DisposeAsync()
    {
        publisher.Dispose();
        reader.Dispose();
        await registryServer.DisposeAsync();
        folder.Dispose();
    }
}
