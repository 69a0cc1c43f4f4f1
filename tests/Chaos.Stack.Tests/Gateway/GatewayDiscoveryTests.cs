using System.Globalization;
using Chaos.Stack.Contracts;
using Chaos.Stack.Gateway;
using Chaos.Stack.Hosting;
using Chaos.Stack.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Chaos.Stack.Tests.Gateway;

/// <summary>The gateway follows a controller's <c>GET /replicas</c>: real inference nodes, a real HTTP list server, a real gateway.</summary>
public sealed class GatewayDiscoveryTests(TrainedModelsFixture models)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discovery_ListGrowsShrinksAndEmpties_GatewayRoutesToExactlyTheListedReplicas_AndKeepsTheLastOnEmpty()
    {
        await using var replicas = await GatewayReplicas.StartAsync(models, withSimplifiedModel: false);
        var listed = new List<string> { Base(replicas.First) };
        await using var controller = await StartListAsync(() => listed);
        var options = GatewayTestNodes.Options([replicas.First.BaseAddress]) with
        {
            ControllerUrl = controller.BaseAddress,
            DiscoveryInterval = TimeSpan.FromMilliseconds(100),
        };
        await using var gateway = await GatewayTestNodes.StartAsync(options);
        using var client = Nodes.ClientFor(gateway);

        lock (listed)
        {
            listed.Add(Base(replicas.Second));
        }
        (await WaitForReplicasAsync(client, 2)).ShouldBeTrue("the gateway did not learn the second replica");
        (await ServedByAsync(client, 8)).ShouldBe(["replica-1", "replica-2"]);

        lock (listed)
        {
            listed.RemoveAt(0);
        }
        (await WaitForReplicasAsync(client, 1)).ShouldBeTrue("the gateway did not drop the first replica");
        (await ServedByAsync(client, 6)).ShouldBe(["replica-2"]);

        lock (listed)
        {
            listed.Clear();
        }
        var metrics = await WaitForMetricAsync(client, "chaos_gateway_replica_set_updates_total 2");
        metrics.ShouldNotBeNull();
        metrics.ShouldContain("chaos_gateway_replicas 1\n");
        (await ServedByAsync(client, 4)).ShouldBe(["replica-2"]);
    }

    [Fact]
    public async Task Discovery_ControllerUnreachable_KeepsTheGivenReplicasAndCountsTheFailures()
    {
        await using var replicas = await GatewayReplicas.StartAsync(models, withSimplifiedModel: false);
        var options = GatewayTestNodes.Options([replicas.First.BaseAddress]) with
        {
            ControllerUrl = new Uri("http://127.0.0.1:9/"),
            DiscoveryInterval = TimeSpan.FromMilliseconds(100),
        };
        await using var gateway = await GatewayTestNodes.StartAsync(options);
        using var client = Nodes.ClientFor(gateway);

        var metrics = await WaitForMetricAsync(client, "chaos_gateway_replica_discovery_failures_total ");

        metrics.ShouldNotBeNull();
        metrics.ShouldContain("chaos_gateway_replicas 1\n");
        (await ServedByAsync(client, 2)).ShouldBe(["replica-1"]);
    }

    [Fact]
    public void Update_KeepsTheReplicaObjectOfAUrlThatStays()
    {
        var created = 0;
        var set = new ReplicaSet([new Uri("http://a:8080")], uri =>
        {
            created++;
            return new Replica(uri, Polly.ResiliencePipeline<HttpResponseMessage>.Empty, breaker: null);
        });
        var first = set.All[0];

        set.Update([new Uri("http://a:8080/"), new Uri("http://b:8080")]).ShouldBeTrue();
        set.Update([new Uri("http://a:8080"), new Uri("http://b:8080")]).ShouldBeFalse();
        set.Update([]).ShouldBeFalse();

        set.All.Count.ShouldBe(2);
        set.All[0].ShouldBeSameAs(first);
        created.ShouldBe(2);
    }

    private static string Base(StackServer server) => server.BaseAddress.GetLeftPart(UriPartial.Authority);

    private static async Task<StackServer> StartListAsync(Func<List<string>> list)
    {
        var app = StackServer.CreateBuilder(ListenAddress.LoopbackAnyPort, 1024).Build();
        app.MapGet("/replicas", () =>
        {
            var current = list();
            lock (current)
            {
                return Results.Json(current.ToList(), StackJson.Options);
            }
        });
        var server = StackServer.From(app);
        await server.StartAsync(Token);
        return server;
    }

    private static async Task<bool> WaitForReplicasAsync(HttpClient client, int count) =>
        await WaitForMetricAsync(client, string.Create(CultureInfo.InvariantCulture, $"chaos_gateway_replicas {count}\n")) is not null;

    // Polls the gateway's metrics until the text appears, bounded at 10 s; the metrics (or null) at the end.
    private static async Task<string?> WaitForMetricAsync(HttpClient client, string text)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Token);
        bound.CancelAfter(TimeSpan.FromSeconds(10));
        while (!bound.IsCancellationRequested)
        {
            var metrics = await client.GetStringAsync("/metrics", Token);
            if (metrics.Contains(text, StringComparison.Ordinal))
            {
                return metrics;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), Token);
        }
        return null;
    }

    // The distinct replicas that answered n requests, sorted.
    private static async Task<IReadOnlyList<string>> ServedByAsync(HttpClient client, int requests)
    {
        var served = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < requests; i++)
        {
            using var response = await client.PostAsync("/v2/models/credit/infer", InferRequests.Json(InferRequests.Body(InferRequests.Rows(1, i))), Token);
            response.EnsureSuccessStatusCode();
            served.Add(response.Headers.GetValues(StackHeaders.Replica).Single());
        }
        return served.ToList();
    }
}
