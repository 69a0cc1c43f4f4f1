using Chaos.Stack.Hosting;
using Chaos.Stack.Inference;
using Chaos.Stack.Registry;

namespace Chaos.Stack.Tests.Inference;

public sealed class InferenceCommandTests
{
    [Theory]
    [InlineData("--model-dir", "/models", "--registry", "http://registry:8080", "--model", "credit")]
    [InlineData("--registry", "not a url", "--model", "credit")]
    [InlineData("--registry", "http://registry:8080", "--model", "credit", "--integrity-check", "maybe")]
    [InlineData("--model", "credit")]
    public async Task Run_InvalidModelSourceOptions_ReturnsBadInput(params string[] arguments)
    {
        (await InferenceCommand.RunAsync(arguments, TestContext.Current.CancellationToken)).ShouldBe(ExitCodes.BadInput);
    }

    [Fact]
    public async Task RegistryRun_WithoutStore_ReturnsBadInput()
    {
        (await RegistryCommand.RunAsync(["--port", "0"], TestContext.Current.CancellationToken)).ShouldBe(ExitCodes.BadInput);
    }
}
