using System.Net;
using Chaos.Stack.Contracts;
using Chaos.Stack.Gateway;
using Chaos.Stack.Hosting;
using Chaos.Stack.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Chaos.Stack.Tests.Gateway;

/// <summary>
/// A front door is a gateway with priority routing over the regions' gateways: everything goes to the primary region while it
/// answers; when it stops, answers come from the standby, marked with its region, and the standby's controller is activated once.
/// </summary>
public sealed class FrontDoorTests(TrainedModelsFixture models) : IAsyncLifetime
{
    private GatewayReplicas replicas = null!;
    private StackServer regionA = null!;
    private StackServer regionB = null!;
    private StackServer activation = null!;
    private readonly List<string?> activations = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        replicas = await GatewayReplicas.StartAsync(models, withSimplifiedModel: false);
        regionA = await GatewayTestNodes.StartAsync(GatewayTestNodes.Options([replicas.First.BaseAddress]) with { Region = "a" });
        regionB = await GatewayTestNodes.StartAsync(GatewayTestNodes.Options([replicas.Second.BaseAddress]) with { Region = "b" });
        var builder = StackServer.CreateBuilder(ListenAddress.LoopbackAnyPort, 1024);
        var app = builder.Build();
        app.MapPost("/activate", (HttpContext context) =>
        {
            lock (activations)
            {
                activations.Add(context.Request.Headers.Authorization.ToString());
            }

            return Results.Ok();
        });
        activation = StackServer.From(app);
        await activation.StartAsync(Token);
    }

    public async ValueTask DisposeAsync()
    {
        await activation.DisposeAsync();
        await regionA.DisposeAsync();
        await regionB.DisposeAsync();
        await replicas.DisposeAsync();
    }

    private async Task<StackServer> StartFrontDoorAsync() => await GatewayTestNodes.StartAsync(
        GatewayTestNodes.Options([regionA.BaseAddress, regionB.BaseAddress], retries: 2) with
        {
            Priority = true,
            StandbyActivation = activation.BaseAddress,
            AdminToken = GatewayTestNodes.AdminToken,
        });

    [Fact]
    public async Task Infer_PrimaryRegionHealthy_EveryAnswerComesFromRegionA()
    {
        await using var frontDoor = await StartFrontDoorAsync();
        using var client = Nodes.ClientFor(frontDoor);

        for (var i = 0; i < 6; i++)
        {
            using var response = await PostValidAsync(client);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.GetValues(StackHeaders.Region).Single().ShouldBe("a");
        }

        (await client.GetStringAsync("/metrics", Token)).ShouldContain("chaos_gateway_failovers_total 0");
        activations.ShouldBeEmpty();
    }

    [Fact]
    public async Task Infer_PrimaryRegionGone_AnswersFromRegionBAndActivatesItsControllerOnce()
    {
        await using var frontDoor = await StartFrontDoorAsync();
        using var client = Nodes.ClientFor(frontDoor);
        await regionA.StopAsync(Token);

        for (var i = 0; i < 6; i++)
        {
            using var response = await PostValidAsync(client);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.GetValues(StackHeaders.Region).Single().ShouldBe("b");
        }

        (await client.GetStringAsync("/metrics", Token)).ShouldContain("chaos_gateway_failovers_total 6");
        // The activation is sent in the background after the first standby answer; wait for it (bounded), then check it stays one.
        for (var poll = 0; poll < 100 && activations.Count == 0; poll++)
        {
            await Task.Delay(20, Token);
        }

        activations.ShouldBe([$"Bearer {GatewayTestNodes.AdminToken}"]);
    }

    [Fact]
    public void Parse_UnknownRouting_Explains()
    {
        var (_, errors) = GatewayCommand.Parse(["--replicas", "http://gateway:8080", "--model", "credit", "--routing", "nearest"]);

        errors.ShouldContain("Option --routing must be round-robin or priority, got 'nearest'.");
    }

    [Fact]
    public void Parse_PriorityRoutingWithHedging_Explains()
    {
        var (_, errors) = GatewayCommand.Parse(["--replicas", "http://gateway:8080,http://gateway-b:8080", "--model", "credit", "--routing", "priority"]);

        errors.ShouldContain(e => e.Contains("--routing priority needs --hedging false", StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> PostValidAsync(HttpClient client) =>
        client.PostAsync("/v2/models/credit/infer", InferRequests.Json(InferRequests.Body(InferRequests.Rows(2, 3))), Token);
}
