using System.Net;
using Chaos.Stack.Hosting;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of the infer route with bad requests, against a real inference node and against a real gateway
/// in front of two real inference nodes. What is checked is described on <see cref="FuzzRun"/>.
/// </summary>
public sealed class BadRequestFuzzTests(TrainedModelsFixture models)
{
    private const int BadRequests = 1_000;
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Infer_ThousandSeededBadRequestsToInferenceNode_Only4xxAndStaysReady()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(RunLimit);
        await using var node = await Nodes.StartInferenceAsync(models.ModelDirectory, replicaName: "replica-fuzz", disableCuda: true);

        await FuzzAndAssertAsync(node, seed: 20_251, [node], timeout.Token);
    }

    [Fact]
    public async Task Infer_ThousandSeededBadRequestsToGateway_Only4xxAndEveryNodeStaysReady()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(RunLimit);
        await using var first = await Nodes.StartInferenceAsync(models.ModelDirectory, replicaName: "replica-fuzz-1", disableCuda: true);
        await using var second = await Nodes.StartInferenceAsync(models.ModelDirectory, replicaName: "replica-fuzz-2", disableCuda: true);
        await using var gateway = await Nodes.StartGatewayAsync([first.BaseAddress, second.BaseAddress], retries: 3, circuitBreaker: true);

        await FuzzAndAssertAsync(gateway, seed: 20_252, [gateway, first, second], timeout.Token);
    }

    private static async Task FuzzAndAssertAsync(StackServer target, int seed, StackServer[] mustStayReady, CancellationToken cancellationToken)
    {
        // A hung request fails on its own timeout and the run goes on; the run as a whole is bounded by the token.
        using var client = new HttpClient { BaseAddress = target.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var run = new FuzzRun(client, new BadRequestGenerator(seed));

        await run.RunAsync(BadRequests, cancellationToken);

        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"seed {seed}, {BadRequests} bad requests, answers by category:");
        output.WriteLine(run.Tally.Render());
        foreach (var failure in run.Failures.Take(50))
        {
            output.WriteLine("FAILED " + failure);
        }

        foreach (var server in mustStayReady)
        {
            using var probe = Nodes.ClientFor(server);
            using var live = await probe.GetAsync("/v2/health/live", cancellationToken);
            using var ready = await probe.GetAsync("/v2/health/ready", cancellationToken);
            live.StatusCode.ShouldBe(HttpStatusCode.OK, $"{server.BaseAddress} live");
            ready.StatusCode.ShouldBe(HttpStatusCode.OK, $"{server.BaseAddress} ready");
        }

        run.Failures.ShouldBeEmpty($"{run.Failures.Count} broken rules; first: {string.Join(Environment.NewLine, run.Failures.Take(10))}");
    }
}
