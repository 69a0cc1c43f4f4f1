using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Chaos.Observe;

namespace Chaos.IntegrationTests;

/// <summary>Practices of the full reference stack, each seen working in real containers.</summary>
[Trait("Category", "Containers")]
public sealed class FullStackPracticeTests(FullStackFixture stack) : IClassFixture<FullStackFixture>
{
    [Fact]
    public async Task Inference_NoCudaOnThisMachine_ReportsTheCpuProvider()
    {
        var metadata = await stack.Client.GetStringAsync(new Uri(stack.Member("inference-1").HostUrl, "/v2/models/credit"), TestContext.Current.CancellationToken);

        metadata.ShouldContain("\"execution_provider\":\"cpu\"");
    }

    [Fact]
    public async Task AdminApi_WithoutOrWithAWrongToken_Refuses401()
    {
        var admin = new Uri(stack.Stack.FrontDoor, "/admin/chaos");
        using var noToken = await stack.Client.GetAsync(admin, TestContext.Current.CancellationToken);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, admin) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token") } };
        using var wrongAnswer = await stack.Client.SendAsync(wrong, TestContext.Current.CancellationToken);
        using var right = new HttpRequestMessage(HttpMethod.Get, admin) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", stack.Stack.AdminToken) } };
        using var rightAnswer = await stack.Client.SendAsync(right, TestContext.Current.CancellationToken);

        noToken.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrongAnswer.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        rightAnswer.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Controller_ReplicaKilled_ReplacedWithTheSameAlias()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var killed = stack.Member("inference-2");
        await stack.Engine.KillAsync(killed.Id, cancellationToken);

        var replacement = await Eventually.Async(async () =>
        {
            await stack.Stack.RefreshMembersAsync(cancellationToken);
            var current = stack.Member("inference-2");
            return current.Id != killed.Id && await stack.Engine.IsRunningAsync(current.Id, cancellationToken) ? current : null;
        }, TimeSpan.FromSeconds(60), cancellationToken);

        replacement.ShouldNotBeNull("the controller did not replace inference-2 within 60 s");
        var events = await stack.Client.GetStringAsync(new Uri(stack.Member("controller").HostUrl, "/events"), cancellationToken);
        events.ShouldContain("replica-replaced");
        using var ready = await Eventually.Async(async () =>
        {
            var answer = await stack.Client.GetAsync(new Uri(replacement.HostUrl, "/v2/health/ready"), cancellationToken);
            return answer.IsSuccessStatusCode ? answer : null;
        }, TimeSpan.FromSeconds(30), cancellationToken);
        ready.ShouldNotBeNull();
    }
}

/// <summary>Practices the controller would hide (it heals at once), seen on a stack without it.</summary>
[Trait("Category", "Containers")]
public sealed class BreakerTests(NoSelfHealingStackFixture stack) : IClassFixture<NoSelfHealingStackFixture>
{
    [Fact]
    public async Task Breaker_ReplicaDiesThenComesBack_OpensThenCloses()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var victim = stack.Member("inference-1");
        await stack.Engine.KillAsync(victim.Id, cancellationToken);

        (await BreakerStateAsync(stack, "inference-1", until: 1, cancellationToken)).ShouldBe(1, "breaker of inference-1 did not open");
        await stack.Engine.StartAsync(victim.Id, cancellationToken);
        (await BreakerStateAsync(stack, "inference-1", until: 0, cancellationToken)).ShouldBe(0, "breaker of inference-1 did not close again");
    }

    // Sends requests (bounded) so the breaker sees traffic, until the gateway reports the wanted state or time runs out.
    internal static async Task<double?> BreakerStateAsync(StackFixture stack, string replica, double until, CancellationToken cancellationToken)
    {
        double? state = null;
        await Eventually.Async(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                using var _ = await stack.Client.PostAsync(new Uri(stack.Stack.FrontDoor, "/v2/models/credit/infer"), Infer.Body(), cancellationToken);
            }
            var metrics = PrometheusTextParser.Parse(await stack.Client.GetStringAsync(new Uri(stack.Stack.FrontDoor, "/metrics"), cancellationToken));
            state = metrics.FirstOrDefault(m => m.Name == "chaos_gateway_breaker_state" && (m.Label("replica") ?? "").Contains(replica, StringComparison.Ordinal))?.Value;
            return state == until ? (object)true : null;
        }, TimeSpan.FromSeconds(60), cancellationToken);
        return state;
    }
}

/// <summary>When every replica is down, the gateway answers from the simplified model, marked degraded.</summary>
[Trait("Category", "Containers")]
public sealed class FallbackTests(NoSelfHealingStackFixture stack) : IClassFixture<NoSelfHealingStackFixture>
{
    [Fact]
    public async Task Fallback_EveryReplicaDown_DegradedAnswersFromTheSimplifiedModel()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        foreach (var replica in stack.Stack.Members.Where(m => m.Role == "inference"))
        {
            await stack.Engine.KillAsync(replica.Id, cancellationToken);
        }

        using var answer = await stack.Client.PostAsync(new Uri(stack.Stack.FrontDoor, "/v2/models/credit/infer"), Infer.Body(), cancellationToken);

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Headers.GetValues("X-Chaos-Degraded").ShouldContain("true");
        answer.Headers.GetValues("X-Chaos-Degraded-Reason").ShouldContain("simplified-model");
        (await answer.Content.ReadAsStringAsync(cancellationToken)).ShouldContain("\"probability\"");
    }
}

internal static class Infer
{
    public static StringContent Body() => new(
        """{"inputs":[{"name":"features","shape":[1,8],"datatype":"FP32","data":[50,0.3,40,8,0,15,5,0]}]}""", Encoding.UTF8, "application/json");
}

/// <summary>Polls a condition until it holds or the time is up: a bounded wait on an observed state, not a sleep.</summary>
internal static class Eventually
{
    public static async Task<T?> Async<T>(Func<Task<T?>> probe, TimeSpan within, CancellationToken cancellationToken) where T : class
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(within);
        while (!bound.IsCancellationRequested)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (HttpRequestException)
            {
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), bound.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        return null;
    }
}
