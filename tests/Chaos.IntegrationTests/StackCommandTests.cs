using Chaos.Cli;
using Chaos.Slo;
using Chaos.Targets;

namespace Chaos.IntegrationTests;

/// <summary><c>chaos stack up</c> leaves a working stack and prints its front door last; <c>chaos stack down</c> removes it.</summary>
[Trait("Category", "Containers")]
public sealed class StackCommandTests
{
    [Fact]
    public async Task StackUpThenDown_FrontDoorAnswersThenNothingIsLeft()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var image = await ContainerPreconditions.RequireAsync(cancellationToken);
        Environment.SetEnvironmentVariable(StackImage.EnvironmentVariable, image);
        var output = new StringWriter();
        var error = new StringWriter();

        var up = await ChaosCli.InvokeAsync(["stack", "up"], output, error);

        up.ShouldBe(ExitCodes.Passed, error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var frontDoor = new Uri(lines[^1]);
        frontDoor.Host.ShouldBe("127.0.0.1");
        var runId = lines[^2].Split(' ')[1];
        try
        {
            using var client = new HttpClient();
            (await client.GetAsync(new Uri(frontDoor, "/v2/health/ready"), cancellationToken)).IsSuccessStatusCode.ShouldBeTrue();
        }
        finally
        {
            (await ChaosCli.InvokeAsync(["stack", "down", runId], new StringWriter(), error)).ShouldBe(ExitCodes.Passed, error.ToString());
        }
        await ReplicaKillTests.ShouldLeaveNothingBehindAsync(runId);
    }
}
