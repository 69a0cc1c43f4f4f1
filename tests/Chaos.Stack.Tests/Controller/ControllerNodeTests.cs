using Chaos.Stack.Controller;
using Chaos.Stack.Hosting;

namespace Chaos.Stack.Tests.Controller;

public sealed class ControllerNodeTests
{
    [Fact]
    public async Task Endpoints_EngineNotReachedYet_ServeEmptySetsAndAnswerUnready()
    {
        var options = new ControllerOptions { RunId = "r1", Listen = ListenAddress.LoopbackAnyPort, DockerSocket = "/nonexistent/docker.sock" };
        var (server, _) = ControllerNode.Create(options, TimeProvider.System);
        await using (server)
        {
            await server.StartAsync(TestContext.Current.CancellationToken);
            using var client = new HttpClient { BaseAddress = server.BaseAddress };

            (await client.GetStringAsync("/replicas", TestContext.Current.CancellationToken)).ShouldBe("[]");
            (await client.GetStringAsync("/events", TestContext.Current.CancellationToken)).ShouldBe("[]");
            (await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken)).ShouldContain("chaos_controller_replacements_total 0");
            ((int)(await client.GetAsync("/v2/health/ready", TestContext.Current.CancellationToken)).StatusCode).ShouldBe(503);
        }
    }
}
