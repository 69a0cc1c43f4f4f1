using Chaos.Stack.Ml;
using Chaos.Stack.Tests.Ml;
using Chaos.Stack.Tests.Registry;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Inference;

/// <summary>A replica that follows the registry's champion alias: a promotion reaches it, a tampered one does not.</summary>
public sealed class ChampionFollowerTests(TrainedModelsFixture models)
{
    private static readonly TimeSpan Follow = TimeSpan.FromMilliseconds(100);
    private static readonly float[] Rows = InferRequests.Rows(50, seed: 29);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Polls the replica's own metrics until the condition holds; bounded, so a follower that never acts fails the test.
    private static async Task<string> MetricsWhenAsync(RegistryStack stack, Func<string, bool> condition)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var metrics = await stack.Inference.GetStringAsync("/metrics", Token);
            if (condition(metrics))
            {
                return metrics;
            }
            await Task.Delay(50, Token);
        }
        throw new TimeoutException("the replica never reached the expected state within 15 s of polling");
    }

    [Fact]
    public async Task Promotion_ReachesTheReplicaWithoutAReloadCall()
    {
        await using var stack = await RegistryStack.StartAsync(models, followChampion: Follow);
        var before = await stack.PredictAsync(Rows);
        var version = await stack.RegisterAsync(await stack.ModelBytesAsync(ModelKind.CreditSimple), ModelKind.CreditSimple);

        await stack.PromoteAsync(version);

        await MetricsWhenAsync(stack, m => m.Contains("chaos_inference_model_version{model=\"credit\",replica=\"replica-registry\"} 2\n"));
        (await stack.PredictAsync(Rows)).ShouldNotBe(before, "the promoted version (the simplified model's bytes) answers differently");
    }

    [Fact]
    public async Task TamperedPromotion_RefusedOnceAndTheChampionBeforeKeepsServing()
    {
        await using var stack = await RegistryStack.StartAsync(models, followChampion: Follow);
        var before = await stack.PredictAsync(Rows);
        var version = await stack.RegisterAsync(await stack.ModelBytesAsync(ModelKind.Credit), ModelKind.Credit);
        var artifactPath = RegistryTestNodes.ArtifactPath(stack.StorePath, ModelKind.Credit, version);
        await File.WriteAllBytesAsync(artifactPath, RegistryTestNodes.FlipWeight(await File.ReadAllBytesAsync(artifactPath, Token)), Token);

        await stack.PromoteAsync(version);

        var metrics = await MetricsWhenAsync(stack, m => m.Contains("chaos_inference_reloads_total{result=\"refused\",replica=\"replica-registry\"} 1\n"));
        metrics.ShouldContain("chaos_inference_model_version{model=\"credit\",replica=\"replica-registry\"} 1\n");
        (await stack.PredictAsync(Rows)).ShouldBe(before);
        // Refused once, not retried every tick while the alias stays where it is.
        await Task.Delay(Follow * 5, Token);
        (await stack.Inference.GetStringAsync("/metrics", Token)).ShouldContain("chaos_inference_reloads_total{result=\"refused\",replica=\"replica-registry\"} 1\n");
    }
}
